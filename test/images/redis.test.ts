import { profileCases } from './profile-cases';

const V7_CAPS = ['CHOWN', 'DAC_OVERRIDE', 'SETGID', 'SETUID'];
const V8_CAPS = ['CHOWN', 'FOWNER', 'SETGID', 'SETPCAP', 'SETUID'];

profileCases('redis', [
  {
    image: 'redis:7.4',
    id: 'redis',
    imageUser: 'root 0:0',
    stepsDownTo: 'redis 999:999',
    runAs: '999:999',
    needsRoot: false,
    capsAsImageUser: V7_CAPS,
    capsAsRunAsUser: [],
    runtimePaths: [],
    statePaths: ['/data'],
    publicPorts: [],
  },
  {
    image: 'redis:7-alpine',
    id: 'redis',
    stepsDownTo: 'redis 999:1000',
    runAs: '999:1000',
    capsAsImageUser: V7_CAPS,
    statePaths: ['/data'],
  },
  { image: 'redis:6.2.24-bookworm', id: 'redis', stepsDownTo: 'redis 999:999', capsAsImageUser: V7_CAPS },
  { image: 'docker.io/library/redis:7.2.16-alpine3.21', id: 'redis', runAs: '999:1000', capsAsImageUser: V7_CAPS },
  {
    image: 'redis',
    id: 'redis',
    stepsDownTo: 'redis 999:999',
    runAs: '999:999',
    capsAsImageUser: V8_CAPS,
    statePaths: ['/data'],
  },
  { image: 'redis:8.2-bookworm', id: 'redis', runAs: '999:999', capsAsImageUser: V8_CAPS },
  { image: 'redis:alpine', id: 'redis', stepsDownTo: 'redis 999:1000', runAs: '999:1000', capsAsImageUser: V8_CAPS },
  {
    image: 'mirror.gcr.io/redis:8.10.1-alpine3.23',
    id: 'redis',
    runAs: '999:1000',
    capsAsImageUser: V8_CAPS,
    statePaths: ['/data'],
  },
  { image: 'bitnami/redis:7.4', id: null },
  { image: 'redis/redis-stack:latest', id: null },
]);
