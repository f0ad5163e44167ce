import { profileCases } from './profile-cases';

const ROOT_CAPS = ['CHOWN', 'DAC_OVERRIDE', 'SETGID', 'SETUID'];

profileCases('mariadb', [
  {
    image: 'mariadb:11.8',
    id: 'mariadb',
    imageUser: 'root 0:0',
    stepsDownTo: 'mysql 999:999',
    runAs: '999:999',
    needsRoot: false,
    capsAsImageUser: ROOT_CAPS,
    capsAsRunAsUser: [],
    runtimePaths: ['/run/mysqld'],
    statePaths: ['/var/lib/mysql'],
    publicPorts: [],
  },
  {
    image: 'mariadb',
    id: 'mariadb',
    stepsDownTo: 'mysql 999:999',
    capsAsImageUser: ROOT_CAPS,
    runtimePaths: ['/run/mysqld'],
  },
  { image: 'mariadb:lts-noble', id: 'mariadb', capsAsImageUser: ROOT_CAPS, runtimePaths: ['/run/mysqld'] },
  {
    image: 'docker.io/library/mariadb:10.11.18-jammy',
    id: 'mariadb',
    runAs: '999:999',
    statePaths: ['/var/lib/mysql'],
  },
  {
    image: 'mariadb:12-ubi10',
    id: 'mariadb',
    imageUser: 'mysql 999:999',
    stepsDownTo: null,
    runAs: '999:999',
    capsAsImageUser: [],
    runtimePaths: ['/run/mariadb'],
    statePaths: ['/var/lib/mysql'],
  },
  { image: 'mariadb:lts-ubi', id: 'mariadb', imageUser: 'mysql 999:999', capsAsImageUser: [] },
  { image: 'bitnami/mariadb:11.4', id: null },
  { image: 'linuxserver/mariadb', id: null },
]);
