import { profileCases } from './profile-cases';

profileCases('haproxy', [
  {
    image: 'haproxy',
    id: 'haproxy',
    imageUser: 'haproxy 99:99',
    stepsDownTo: null,
    runAs: '99:99',
    needsRoot: false,
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: [],
    statePaths: [],
    publicPorts: ['80/tcp', '443/tcp'],
    readOnlyUnsupported: false,
  },
  { image: 'haproxy:alpine', id: 'haproxy', imageUser: 'haproxy 99:99', runAs: '99:99' },
  { image: 'haproxy:3.4.3-trixie', id: 'haproxy', imageUser: 'haproxy 99:99', capsAsImageUser: [] },
  { image: 'haproxy:2.4', id: 'haproxy', imageUser: 'haproxy 99:99' },
  { image: 'haproxy:lts-alpine', id: 'haproxy', imageUser: 'haproxy 99:99' },
  { image: 'haproxy:2.3-alpine', id: 'haproxy', imageUser: 'root 0:0', runAs: '99:99' },
  { image: 'haproxy:1.8.30', id: 'haproxy', imageUser: 'root 0:0' },
  {
    image: 'docker.io/library/haproxy:3.2-alpine3.24',
    id: 'haproxy',
    imageUser: 'haproxy 99:99',
    publicPorts: ['80/tcp', '443/tcp'],
  },
  { image: 'mirror.gcr.io/haproxy:2.8', id: 'haproxy', imageUser: 'haproxy 99:99' },
  { image: 'haproxytech/haproxy-alpine:3.0', id: null },
  { image: 'bitnami/haproxy:3.0', id: null },
]);
