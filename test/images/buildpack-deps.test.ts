import { profileCases } from './profile-cases';

profileCases('buildpack-deps', [
  {
    image: 'buildpack-deps',
    id: 'buildpack-deps',
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
  { image: 'buildpack-deps:trixie-curl', id: 'buildpack-deps', imageUser: 'root 0:0', accounts: [] },
  { image: 'buildpack-deps:bookworm-scm', id: 'buildpack-deps', imageUser: 'root 0:0', accounts: [] },
  { image: 'buildpack-deps:noble', id: 'buildpack-deps', imageUser: 'root 0:0', accounts: [] },
  { image: 'docker.io/library/buildpack-deps:stable', id: 'buildpack-deps', imageUser: 'root 0:0' },
  { image: 'public.ecr.aws/docker/library/buildpack-deps:jammy-curl', id: 'buildpack-deps', accounts: [] },
  { image: 'amd64/buildpack-deps:noble-curl', id: null },
  { image: 'heroku/buildpack-deps', id: null },
]);
