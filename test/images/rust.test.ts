import { profileCases } from './profile-cases';

profileCases('rust', [
  {
    image: 'rust',
    id: 'rust',
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
  { image: 'rust:1-alpine3.23', id: 'rust', imageUser: 'root 0:0', accounts: [] },
  { image: 'rust:1.94.1-slim-trixie', id: 'rust', imageUser: 'root 0:0', accounts: [] },
  { image: 'rust:1.94-bookworm', id: 'rust', imageUser: 'root 0:0' },
  { image: 'docker.io/library/rust:latest', id: 'rust', imageUser: 'root 0:0' },
  { image: 'rustlang/rust:nightly-slim', id: 'rust', imageUser: 'root 0:0', accounts: [] },
  { image: 'ghcr.io/rust-lang/rust:nightly', id: null },
  { image: 'clux/muslrust', id: null },
]);
