import { profileCases } from './profile-cases';

profileCases('nginx', [
  {
    image: 'nginx',
    id: 'nginx',
    imageUser: 'root 0:0',
    stepsDownTo: null,
    runAs: null,
    needsRoot: true,
    capsAsImageUser: ['CHOWN', 'NET_BIND_SERVICE', 'SETGID', 'SETUID'],
    capsAsRunAsUser: [],
    runtimePaths: ['/var/cache/nginx', '/var/run'],
    statePaths: [],
    publicPorts: ['80/tcp', '443/tcp'],
    nonRootVariant: 'nginxinc/nginx-unprivileged',
    readOnlyUnsupported: false,
  },
  { image: 'nginx:1.27-alpine', id: 'nginx', needsRoot: true, runtimePaths: ['/var/cache/nginx', '/var/run'] },
  { image: 'nginx:1.27.4-bookworm', id: 'nginx', capsAsImageUser: ['CHOWN', 'NET_BIND_SERVICE', 'SETGID', 'SETUID'] },
  { image: 'docker.io/library/nginx:stable-alpine-slim', id: 'nginx', needsRoot: true },
  { image: 'mirror.gcr.io/nginx:mainline', id: 'nginx', publicPorts: ['80/tcp', '443/tcp'] },
  { image: 'bitnami/nginx:1.27', id: null },
  { image: 'nginxinc/nginx-unprivileged:alpine', id: null },
]);
