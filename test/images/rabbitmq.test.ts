import { profileCases } from './profile-cases';

const CAPS = ['CHOWN', 'SETGID', 'SETUID'];

profileCases('rabbitmq', [
  {
    image: 'rabbitmq',
    id: 'rabbitmq',
    imageUser: 'root 0:0',
    stepsDownTo: 'rabbitmq 999:999',
    runAs: '999:999',
    needsRoot: false,
    capsAsImageUser: CAPS,
    capsAsRunAsUser: [],
    runtimePaths: [],
    statePaths: ['/var/lib/rabbitmq'],
    publicPorts: [],
    readOnlyUnsupported: false,
  },
  {
    image: 'rabbitmq:alpine',
    id: 'rabbitmq',
    stepsDownTo: 'rabbitmq 100:101',
    runAs: '100:101',
    capsAsImageUser: CAPS,
    statePaths: ['/var/lib/rabbitmq'],
  },
  { image: 'rabbitmq:4.3.5', id: 'rabbitmq', stepsDownTo: 'rabbitmq 999:999', capsAsImageUser: CAPS },
  {
    image: 'rabbitmq:4-management',
    id: 'rabbitmq',
    stepsDownTo: 'rabbitmq 999:999',
    runAs: '999:999',
    publicPorts: [],
  },
  { image: 'rabbitmq:4.2-management-alpine', id: 'rabbitmq', stepsDownTo: 'rabbitmq 100:101', runAs: '100:101' },
  {
    image: 'docker.io/library/rabbitmq:4.3-alpine',
    id: 'rabbitmq',
    runAs: '100:101',
    statePaths: ['/var/lib/rabbitmq'],
  },
  { image: 'mirror.gcr.io/rabbitmq:management', id: 'rabbitmq', stepsDownTo: 'rabbitmq 999:999' },
  { image: 'bitnami/rabbitmq:4.0', id: null },
]);
