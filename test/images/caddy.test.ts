import { profileCases } from './profile-cases';

const PORTS = ['80/tcp', '443/tcp', '443/udp'];

profileCases('caddy', [
  {
    image: 'caddy',
    id: 'caddy',
    imageUser: 'root 0:0',
    stepsDownTo: null,
    runAs: '65532:65532',
    needsRoot: false,
    capsAsImageUser: ['NET_BIND_SERVICE'],
    capsAsRunAsUser: ['NET_BIND_SERVICE'],
    runtimePaths: [],
    statePaths: ['/data', '/config'],
    publicPorts: PORTS,
    noNewPrivilegesUnsupported: false,
  },
  { image: 'caddy:2-alpine', id: 'caddy', runAs: '65532:65532', statePaths: ['/data', '/config'] },
  { image: 'caddy:2.11.2', id: 'caddy', runAs: '65532:65532', capsAsImageUser: ['NET_BIND_SERVICE'] },
  {
    image: 'caddy:2.10.2-alpine',
    id: 'caddy',
    runAs: null,
    capsAsImageUser: ['NET_BIND_SERVICE'],
    statePaths: ['/data', '/config'],
  },
  { image: 'caddy:2.8', id: 'caddy', runAs: null },
  { image: 'caddy:2.11.0-beta.2-alpine', id: 'caddy', runAs: null },
  { image: 'docker.io/library/caddy:2.11-alpine', id: 'caddy', runAs: '65532:65532', publicPorts: PORTS },
  { image: 'mirror.gcr.io/caddy:latest', id: 'caddy', runAs: '65532:65532' },
  { image: 'lucaslorentz/caddy-docker-proxy:2.9', id: null },
  { image: 'ghcr.io/someone/caddy:2', id: null },
]);
