import { profileCases } from './profile-cases';

const ROOT_CAPS = ['CHOWN', 'DAC_OVERRIDE', 'SETGID', 'SETUID'];

profileCases('valkey', [
  {
    image: 'valkey/valkey:8.0',
    id: 'valkey',
    imageUser: 'root 0:0',
    stepsDownTo: 'valkey 999:999',
    runAs: '999:999',
    needsRoot: false,
    capsAsImageUser: ROOT_CAPS,
    capsAsRunAsUser: [],
    runtimePaths: [],
    statePaths: ['/data'],
    publicPorts: [],
  },
  { image: 'valkey/valkey', id: 'valkey', stepsDownTo: 'valkey 999:999', runAs: '999:999', capsAsImageUser: ROOT_CAPS },
  {
    image: 'valkey/valkey:8-alpine',
    id: 'valkey',
    stepsDownTo: 'valkey 999:1000',
    runAs: '999:1000',
    capsAsImageUser: ROOT_CAPS,
    statePaths: ['/data'],
  },
  { image: 'valkey/valkey:7.2.8-bookworm', id: 'valkey', runAs: '999:999' },
  { image: 'docker.io/valkey/valkey:8.0.2-alpine3.21', id: 'valkey', runAs: '999:1000' },
  { image: 'bitnami/valkey:8.0', id: null },
  { image: 'valkey:8', id: null },
]);
