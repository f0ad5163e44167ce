import { profileCases } from './profile-cases';

profileCases('traefik', [
  {
    image: 'traefik',
    id: 'traefik',
    imageUser: 'root 0:0',
    stepsDownTo: null,
    runAs: null,
    needsRoot: false,
    capsAsImageUser: ['NET_BIND_SERVICE'],
    capsAsRunAsUser: [],
    runtimePaths: [],
    statePaths: [],
    publicPorts: ['80/tcp', '443/tcp'],
    nonRootVariant: null,
  },
  { image: 'traefik:v3.7', id: 'traefik', capsAsImageUser: ['NET_BIND_SERVICE'] },
  { image: 'traefik:v2.11.30', id: 'traefik', publicPorts: ['80/tcp', '443/tcp'] },
  { image: 'traefik:3.6-alpine', id: 'traefik', imageUser: 'root 0:0' },
  { image: 'docker.io/library/traefik:latest', id: 'traefik', runAs: null },
  { image: 'mirror.gcr.io/traefik:v3', id: 'traefik' },
  { image: 'traefik/whoami', id: null },
  { image: 'bitnami/traefik:3', id: null },
]);
