import { profileCases } from './profile-cases';

profileCases('nginx-unprivileged', [
  {
    image: 'nginxinc/nginx-unprivileged',
    id: 'nginx-unprivileged',
    imageUser: 'nginx 101:101',
    stepsDownTo: null,
    runAs: '101:101',
    accounts: ['nginx 101:101'],
    needsRoot: false,
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: ['/tmp', '/var/cache/nginx'],
    statePaths: [],
    publicPorts: ['8080/tcp'],
    nonRootVariant: null,
  },
  {
    image: 'nginxinc/nginx-unprivileged:1.27-alpine',
    id: 'nginx-unprivileged',
    runAs: '101:101',
    runtimePaths: ['/tmp', '/var/cache/nginx'],
  },
  { image: 'nginxinc/nginx-unprivileged:1.27.4-bookworm-perl', id: 'nginx-unprivileged', imageUser: 'nginx 101:101' },
  { image: 'docker.io/nginxinc/nginx-unprivileged:stable', id: 'nginx-unprivileged', publicPorts: ['8080/tcp'] },
  { image: 'ghcr.io/nginxinc/nginx-unprivileged:1.25', id: 'nginx-unprivileged', needsRoot: false },
  { image: 'ghcr.io/nginx/nginx-unprivileged:mainline-alpine', id: 'nginx-unprivileged' },
  { image: 'quay.io/nginx/nginx-unprivileged:latest', id: 'nginx-unprivileged' },
  { image: 'public.ecr.aws/nginx/nginx-unprivileged:alpine', id: 'nginx-unprivileged' },
  { image: 'nginx:alpine', id: null },
  { image: 'bitnami/nginx:latest', id: null },
]);
