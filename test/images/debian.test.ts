import { profileCases } from './profile-cases';

profileCases('debian', [
  {
    image: 'debian',
    id: 'debian',
    imageUser: 'root 0:0',
    stepsDownTo: null,
    runAs: null,
    needsRoot: false,
    accounts: [],
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: [],
    statePaths: [],
    publicPorts: [],
  },
  { image: 'debian:bookworm-slim', id: 'debian', imageUser: 'root 0:0', accounts: [] },
  { image: 'debian:12.8', id: 'debian', accounts: [] },
  { image: 'debian:trixie', id: 'debian', accounts: [] },
  { image: 'docker.io/library/debian:13-slim', id: 'debian', accounts: [] },
  { image: 'mirror.gcr.io/debian:stable', id: 'debian', accounts: [] },
  { image: 'bitnami/minideb:bookworm', id: null },
  { image: 'node:bookworm', id: null },
]);
