import { profileCases } from './profile-cases';

profileCases('zabbix-server-pgsql', [
  {
    image: 'zabbix/zabbix-server-pgsql:alpine-7.0.5',
    id: 'zabbix-server-pgsql',
    imageUser: 'zabbix 1997:1995',
    stepsDownTo: null,
    runAs: '1997:1995',
    needsRoot: false,
    capsAsImageUser: ['NET_RAW'],
    capsAsRunAsUser: ['NET_RAW'],
    runtimePaths: ['/tmp', '/var/lib/zabbix/enc_internal'],
    statePaths: ['/var/lib/zabbix/snmptraps', '/var/lib/zabbix/export'],
    publicPorts: ['10051/tcp'],
    readOnlyUnsupported: true,
  },
  { image: 'zabbix/zabbix-server-pgsql', id: 'zabbix-server-pgsql', publicPorts: ['10051/tcp'] },
  { image: 'zabbix/zabbix-server-pgsql:ubuntu-trunk', id: 'zabbix-server-pgsql', runAs: '1997:1995' },
  {
    image: 'registry.connect.redhat.com/zabbix/zabbix-server-pgsql-64:6.4.19',
    id: 'zabbix-server-pgsql',
    capsAsImageUser: ['NET_RAW'],
  },
  { image: 'zabbix/zabbix-server-mysql:latest', id: null },
  { image: 'postgres:16', id: null },
]);
