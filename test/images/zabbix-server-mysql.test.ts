import { profileCases } from './profile-cases';

const FULL = {
  imageUser: 'zabbix 1997:1995',
  stepsDownTo: null,
  runAs: '1997:1995',
  accounts: ['zabbix 1997:1995'],
  needsRoot: false,
  capsAsImageUser: ['NET_RAW'],
  capsAsRunAsUser: ['NET_RAW'],
  runtimePaths: ['/tmp', '/var/lib/zabbix/enc_internal'],
  statePaths: ['/var/lib/zabbix/snmptraps', '/var/lib/zabbix/export'],
  publicPorts: ['10051/tcp'],
  readOnlyUnsupported: true,
  noNewPrivilegesUnsupported: false,
  nonRootVariant: null,
};

profileCases('zabbix-server-mysql', [
  { image: 'zabbix/zabbix-server-mysql:alpine-7.0-latest', id: 'zabbix-server-mysql', ...FULL },
  { image: 'zabbix/zabbix-server-mysql', id: 'zabbix-server-mysql', ...FULL },
  {
    image: 'zabbix/zabbix-server-mysql:ubuntu-6.0.35',
    id: 'zabbix-server-mysql',
    imageUser: 'zabbix 1997:1995',
    capsAsImageUser: ['NET_RAW'],
  },
  {
    image: 'docker.io/zabbix/zabbix-server-mysql:7.0.5-ol',
    id: 'zabbix-server-mysql',
    runAs: '1997:1995',
    publicPorts: ['10051/tcp'],
  },
  {
    image: 'registry.connect.redhat.com/zabbix/zabbix-server-mysql-70:7.0.5',
    id: 'zabbix-server-mysql',
    imageUser: 'zabbix 1997:1995',
    readOnlyUnsupported: true,
  },
  { image: 'registry.connect.redhat.com/zabbix/zabbix-server-mysql-60:6.0.35', id: 'zabbix-server-mysql' },
  { image: 'zabbix/zabbix-server-pgsql:latest', id: null },
  { image: 'ghcr.io/zabbix/zabbix-server-mysql:7.0', id: null },
]);
