import { profileCases } from './profile-cases';

profileCases('alpine', [
  {
    image: 'alpine',
    id: 'alpine',
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
  { image: 'alpine:3.20', id: 'alpine', imageUser: 'root 0:0', accounts: [] },
  { image: 'alpine:3.24.1', id: 'alpine', accounts: [] },
  { image: 'alpine:edge', id: 'alpine', imageUser: 'root 0:0', accounts: [] },
  { image: 'docker.io/library/alpine:latest', id: 'alpine', accounts: [] },
  { image: 'public.ecr.aws/docker/library/alpine:3.23', id: 'alpine', accounts: [] },
  { image: 'alpine/git:latest', id: null },
  { image: 'node:alpine', id: null },
]);
