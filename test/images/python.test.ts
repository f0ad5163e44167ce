import { profileCases } from './profile-cases';

profileCases('python', [
  {
    image: 'python',
    id: 'python',
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
  { image: 'python:3.12-alpine3.24', id: 'python', imageUser: 'root 0:0', accounts: [] },
  { image: 'python:3.13-slim-bookworm', id: 'python', imageUser: 'root 0:0', accounts: [] },
  { image: 'python:3.11.9', id: 'python', imageUser: 'root 0:0', accounts: [] },
  { image: 'docker.io/library/python:3.14-slim', id: 'python', accounts: [] },
  { image: 'public.ecr.aws/docker/library/python:3.12', id: 'python', accounts: [] },
  { image: 'pypy:3.10', id: null },
  { image: 'cimg/python:3.12', id: null },
]);
