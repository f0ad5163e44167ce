import { profileCases } from './profile-cases';

profileCases('node', [
  {
    image: 'node',
    id: 'node',
    imageUser: 'root 0:0',
    stepsDownTo: null,
    runAs: null,
    needsRoot: false,
    accounts: ['node 1000:1000'],
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: [],
    statePaths: [],
    publicPorts: [],
  },
  { image: 'node:22-alpine3.24', id: 'node', imageUser: 'root 0:0', accounts: ['node 1000:1000'] },
  { image: 'node:lts-alpine', id: 'node', accounts: ['node 1000:1000'] },
  { image: 'node:24.19.0-bookworm-slim', id: 'node', imageUser: 'root 0:0', accounts: ['node 1000:1000'] },
  { image: 'docker.io/library/node:26', id: 'node', accounts: ['node 1000:1000'] },
  { image: 'mirror.gcr.io/node:20', id: 'node', accounts: ['node 1000:1000'] },
  { image: 'cimg/node:20.11', id: null },
  { image: 'ghcr.io/someone/node:20', id: null },
]);
