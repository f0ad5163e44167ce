import { profileCases } from './profile-cases';

profileCases('golang', [
  {
    image: 'golang',
    id: 'golang',
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
  { image: 'golang:1.26-alpine', id: 'golang', imageUser: 'root 0:0', accounts: [] },
  { image: 'golang:1.27.0-bookworm', id: 'golang', imageUser: 'root 0:0', accounts: [] },
  { image: 'golang:1.22', id: 'golang', accounts: [] },
  { image: 'docker.io/library/golang:1.27-trixie', id: 'golang', accounts: [] },
  { image: 'mirror.gcr.io/golang:alpine3.24', id: 'golang', accounts: [] },
  { image: 'cimg/go:1.22', id: null },
  { image: 'gcr.io/distroless/static-debian12', id: null },
]);
