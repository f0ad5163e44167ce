import { profileCases } from './profile-cases';

profileCases('zabbix-proxy-sqlite3', [
  {
    image: 'zabbix/zabbix-proxy-sqlite3:alpine-7.0-latest',
    id: 'zabbix-proxy-sqlite3',
    imageUser: 'zabbix 1997:1995',
    stepsDownTo: null,
    runAs: '1997:1995',
    needsRoot: false,
    capsAsImageUser: ['NET_RAW'],
    capsAsRunAsUser: ['NET_RAW'],
    runtimePaths: ['/tmp', '/var/lib/zabbix/enc_internal'],
    statePaths: ['/var/lib/zabbix/db_data', '/var/lib/zabbix/snmptraps'],
    publicPorts: ['10051/tcp'],
    readOnlyUnsupported: true,
  },
  {
    image: 'zabbix/zabbix-proxy-sqlite3',
    id: 'zabbix-proxy-sqlite3',
    statePaths: ['/var/lib/zabbix/db_data', '/var/lib/zabbix/snmptraps'],
  },
  { image: 'zabbix/zabbix-proxy-sqlite3:7.0.5-ubuntu', id: 'zabbix-proxy-sqlite3', runAs: '1997:1995' },
  { image: 'registry.connect.redhat.com/zabbix/zabbix-proxy-sqlite3-70:7.0.5', id: 'zabbix-proxy-sqlite3' },
  { image: 'registry.connect.redhat.com/zabbix/zabbix-proxy-sqlite-70:7.0.5', id: 'zabbix-proxy-sqlite3' },
  { image: 'zabbix/zabbix-proxy-mysql:latest', id: null },
]);
