import { profileCases } from './profile-cases';

const ROOT_CAPS = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'];

profileCases('postgres', [
  {
    image: 'postgres:16',
    id: 'postgres',
    imageUser: 'root 0:0',
    stepsDownTo: 'postgres 999:999',
    runAs: '999:999',
    needsRoot: false,
    capsAsImageUser: ROOT_CAPS,
    capsAsRunAsUser: [],
    runtimePaths: ['/var/run/postgresql'],
    statePaths: ['/var/lib/postgresql/data'],
    publicPorts: [],
  },
  {
    image: 'postgres:16.3-alpine3.20',
    id: 'postgres',
    stepsDownTo: 'postgres 70:70',
    runAs: '70:70',
    statePaths: ['/var/lib/postgresql/data'],
  },
  {
    image: 'docker.io/library/postgres:17-bookworm',
    id: 'postgres',
    runAs: '999:999',
    statePaths: ['/var/lib/postgresql/data'],
  },
  {
    image: 'postgres:18-alpine',
    id: 'postgres',
    runAs: '70:70',
    statePaths: ['/var/lib/postgresql'],
    runtimePaths: ['/var/run/postgresql'],
  },
  { image: 'postgres', id: 'postgres', statePaths: ['/var/lib/postgresql'] },
  { image: 'postgres:alpine', id: 'postgres', runAs: '70:70', statePaths: ['/var/lib/postgresql'] },
  { image: 'mirror.gcr.io/postgres:15', id: 'postgres', statePaths: ['/var/lib/postgresql/data'] },
  { image: 'bitnami/postgresql:16', id: null },
  { image: 'ghcr.io/someone/postgres:16', id: null },
]);
