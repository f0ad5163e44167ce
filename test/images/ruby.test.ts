import { profileCases } from './profile-cases';

profileCases('ruby', [
  {
    image: 'ruby',
    id: 'ruby',
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
  { image: 'ruby:3.3-alpine', id: 'ruby', imageUser: 'root 0:0', accounts: [] },
  { image: 'ruby:3.4.10-slim-bookworm', id: 'ruby', imageUser: 'root 0:0', accounts: [] },
  { image: 'ruby:4.0', id: 'ruby', accounts: [] },
  { image: 'docker.io/library/ruby:4-trixie', id: 'ruby', accounts: [] },
  { image: 'public.ecr.aws/docker/library/ruby:slim', id: 'ruby', accounts: [] },
  { image: 'bitnami/ruby:3.3', id: null },
  { image: 'jruby:9', id: null },
]);
