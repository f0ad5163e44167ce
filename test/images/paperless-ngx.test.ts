import { profileCases } from './profile-cases';

const STATE = [
  '/usr/src/paperless/data',
  '/usr/src/paperless/media',
  '/usr/src/paperless/consume',
  '/usr/src/paperless/export',
];

profileCases('paperless-ngx', [
  {
    image: 'ghcr.io/paperless-ngx/paperless-ngx:latest',
    id: 'paperless-ngx',
    imageUser: 'root 0:0',
    stepsDownTo: 'paperless 1000:1000',
    runAs: '1000:1000',
    accounts: ['paperless 1000:1000'],
    needsRoot: false,
    capsAsImageUser: ['CHOWN', 'SETGID', 'SETUID'],
    capsAsRunAsUser: [],
    runtimePaths: ['/run', '/tmp'],
    statePaths: STATE,
    publicPorts: ['8000/tcp'],
    readOnlyUnsupported: true,
    noNewPrivilegesUnsupported: false,
  },
  { image: 'ghcr.io/paperless-ngx/paperless-ngx', id: 'paperless-ngx', runAs: '1000:1000', statePaths: STATE },
  { image: 'ghcr.io/paperless-ngx/paperless-ngx:2.15.3', id: 'paperless-ngx', stepsDownTo: 'paperless 1000:1000' },
  { image: 'paperlessngx/paperless-ngx:2', id: 'paperless-ngx', publicPorts: ['8000/tcp'] },
  { image: 'docker.io/paperlessngx/paperless-ngx:latest', id: 'paperless-ngx', readOnlyUnsupported: true },
  { image: 'ghcr.io/linuxserver/paperless-ngx', id: null },
  { image: 'ghcr.io/paperless-ngx/tika', id: null },
]);
