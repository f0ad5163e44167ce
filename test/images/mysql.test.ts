import { profileCases } from './profile-cases';

const ROOT_CAPS = ['CHOWN', 'DAC_OVERRIDE', 'SETGID', 'SETUID'];

profileCases('mysql', [
  {
    image: 'mysql:8.4',
    id: 'mysql',
    imageUser: 'root 0:0',
    stepsDownTo: 'mysql 999:999',
    runAs: '999:999',
    needsRoot: false,
    capsAsImageUser: ROOT_CAPS,
    capsAsRunAsUser: [],
    runtimePaths: ['/var/run/mysqld'],
    statePaths: ['/var/lib/mysql'],
    publicPorts: [],
  },
  { image: 'mysql', id: 'mysql', stepsDownTo: 'mysql 999:999', capsAsImageUser: ROOT_CAPS },
  { image: 'mysql:9.7.2-oraclelinux9', id: 'mysql', runAs: '999:999', runtimePaths: ['/var/run/mysqld'] },
  { image: 'mysql:lts-oracle', id: 'mysql', capsAsImageUser: ROOT_CAPS },
  { image: 'docker.io/library/mysql:innovation', id: 'mysql', statePaths: ['/var/lib/mysql'] },
  { image: 'mirror.gcr.io/mysql:8', id: 'mysql', runAs: '999:999' },
  { image: 'mysql/mysql-server:8.0', id: null },
  { image: 'bitnami/mysql:8.4', id: null },
]);
