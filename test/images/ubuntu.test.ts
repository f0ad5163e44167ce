import { profileCases } from './profile-cases';

profileCases('ubuntu', [
  { image: 'ubuntu', id: 'ubuntu', imageUser: 'root 0:0', stepsDownTo: null, runAs: null, needsRoot: false, accounts: ['ubuntu 1000:1000'], capsAsImageUser: [], capsAsRunAsUser: [], runtimePaths: [], statePaths: [], publicPorts: [] },
  { image: 'ubuntu:24.04', id: 'ubuntu', imageUser: 'root 0:0', accounts: ['ubuntu 1000:1000'] },
  { image: 'ubuntu:noble-20260810', id: 'ubuntu', accounts: ['ubuntu 1000:1000'] },
  { image: 'ubuntu:22.04', id: 'ubuntu', imageUser: 'root 0:0', accounts: [] },
  { image: 'ubuntu:jammy', id: 'ubuntu', accounts: [] },
  { image: 'ubuntu:focal-20221130', id: 'ubuntu', accounts: [] },
  { image: 'ubuntu:18.04', id: 'ubuntu', accounts: [] },
  { image: 'docker.io/library/ubuntu:26.04', id: 'ubuntu', accounts: ['ubuntu 1000:1000'] },
  { image: 'public.ecr.aws/docker/library/ubuntu:rolling', id: 'ubuntu', accounts: ['ubuntu 1000:1000'] },
  { image: 'public.ecr.aws/ubuntu/ubuntu:22.04', id: 'ubuntu', accounts: [] },
  { image: 'ubuntu.azurecr.io/ubuntu:24.04', id: 'ubuntu', accounts: ['ubuntu 1000:1000'] },
  { image: 'ghcr.io/someone/ubuntu:24.04', id: null },
  { image: 'ubuntu/nginx:latest', id: null },
]);
