import { profileCases } from './profile-cases';

profileCases('zabbix-proxy-mysql', [
  {
    image: 'zabbix/zabbix-proxy-mysql:alpine-7.0-latest',
    id: 'zabbix-proxy-mysql',
    imageUser: 'zabbix 1997:1995',
    stepsDownTo: null,
    runAs: '1997:1995',
    needsRoot: false,
    capsAsImageUser: ['NET_RAW'],
    capsAsRunAsUser: ['NET_RAW'],
    runtimePaths: ['/tmp', '/var/lib/zabbix/enc_internal'],
    statePaths: ['/var/lib/zabbix/snmptraps'],
    publicPorts: ['10051/tcp'],
    readOnlyUnsupported: true,
  },
  { image: 'zabbix/zabbix-proxy-mysql', id: 'zabbix-proxy-mysql', statePaths: ['/var/lib/zabbix/snmptraps'] },
  { image: 'docker.io/zabbix/zabbix-proxy-mysql:ubuntu-6.4.19', id: 'zabbix-proxy-mysql', publicPorts: ['10051/tcp'] },
  {
    image: 'registry.connect.redhat.com/zabbix/zabbix-proxy-mysql-70:7.0.5',
    id: 'zabbix-proxy-mysql',
    runAs: '1997:1995',
  },
  { image: 'zabbix/zabbix-proxy-sqlite3:latest', id: null },
  { image: 'zabbix/zabbix-server-mysql:latest', id: null },
]);
