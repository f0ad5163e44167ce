import { profileCases } from './profile-cases';

profileCases('gotenberg', [
  {
    image: 'gotenberg/gotenberg:8',
    id: 'gotenberg',
    imageUser: 'gotenberg 1001:1001',
    stepsDownTo: null,
    runAs: '1001:1001',
    accounts: ['gotenberg 1001:1001'],
    needsRoot: false,
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: ['/tmp'],
    statePaths: [],
    publicPorts: [],
  },
  { image: 'gotenberg/gotenberg', id: 'gotenberg', runAs: '1001:1001', runtimePaths: ['/tmp'] },
  { image: 'gotenberg/gotenberg:8.21.1-chromium', id: 'gotenberg', imageUser: 'gotenberg 1001:1001' },
  { image: 'docker.io/gotenberg/gotenberg:8-libreoffice', id: 'gotenberg', capsAsImageUser: [] },
  { image: 'mirror.gcr.io/gotenberg/gotenberg:8-cloudrun', id: 'gotenberg', runAs: '1001:1001' },
  { image: 'thecodingmachine/gotenberg:6', id: null },
  { image: 'ghcr.io/someone/gotenberg:8', id: null },
]);
