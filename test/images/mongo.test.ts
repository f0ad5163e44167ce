import { profileCases } from './profile-cases';

const ROOT_CAPS = ['CHOWN', 'SETGID', 'SETUID'];

profileCases('mongo', [
  {
    image: 'mongo:8.0',
    id: 'mongo',
    imageUser: 'root 0:0',
    stepsDownTo: 'mongodb 999:999',
    runAs: '999:999',
    needsRoot: false,
    capsAsImageUser: ROOT_CAPS,
    capsAsRunAsUser: [],
    runtimePaths: ['/tmp'],
    statePaths: ['/data/db', '/data/configdb'],
    publicPorts: [],
  },
  { image: 'mongo', id: 'mongo', stepsDownTo: 'mongodb 999:999', capsAsImageUser: ROOT_CAPS },
  { image: 'mongo:7.0.25-jammy', id: 'mongo', runAs: '999:999', statePaths: ['/data/db', '/data/configdb'] },
  { image: 'docker.io/library/mongo:8.3-noble', id: 'mongo', capsAsImageUser: ROOT_CAPS },
  { image: 'mirror.gcr.io/mongo:8', id: 'mongo', runtimePaths: ['/tmp'] },
  { image: 'mongodb/mongodb-community-server:8.0-ubuntu2204', id: null },
  { image: 'bitnami/mongodb:8.0', id: null },
]);
