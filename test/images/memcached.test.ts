import { profileCases } from './profile-cases';

profileCases('memcached', [
  {
    image: 'memcached',
    id: 'memcached',
    imageUser: 'memcache 11211:11211',
    stepsDownTo: null,
    runAs: '11211:11211',
    needsRoot: false,
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: [],
    statePaths: [],
    publicPorts: [],
    readOnlyUnsupported: false,
  },
  {
    image: 'memcached:alpine',
    id: 'memcached',
    imageUser: 'memcache 11211:11211',
    runAs: '11211:11211',
    capsAsImageUser: [],
  },
  { image: 'memcached:1.6.45-trixie', id: 'memcached', imageUser: 'memcache 11211:11211', stepsDownTo: null },
  { image: 'docker.io/library/memcached:1.6-alpine3.24', id: 'memcached', runAs: '11211:11211', runtimePaths: [] },
  { image: 'mirror.gcr.io/memcached:1', id: 'memcached', publicPorts: [] },
  { image: 'bitnami/memcached:1.6', id: null },
]);
