import { profileCases } from './profile-cases';

profileCases('zabbix-snmptraps', [
  {
    image: 'zabbix/zabbix-snmptraps:alpine-7.0-latest',
    id: 'zabbix-snmptraps',
    imageUser: 'zabbix 1997:1995',
    stepsDownTo: null,
    runAs: '1997:1995',
    needsRoot: false,
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: ['/tmp'],
    statePaths: ['/var/lib/zabbix/snmptraps'],
    publicPorts: ['1162/udp'],
    readOnlyUnsupported: false,
    noNewPrivilegesUnsupported: false,
  },
  { image: 'zabbix/zabbix-snmptraps', id: 'zabbix-snmptraps', publicPorts: ['1162/udp'] },
  {
    image: 'docker.io/zabbix/zabbix-snmptraps:ubuntu-7.0.5',
    id: 'zabbix-snmptraps',
    statePaths: ['/var/lib/zabbix/snmptraps'],
  },
  {
    image: 'registry.connect.redhat.com/zabbix/zabbix-snmptraps-70:7.0.5',
    id: 'zabbix-snmptraps',
    runtimePaths: ['/tmp'],
  },
  { image: 'zabbix/zabbix-server-mysql:latest', id: null },
]);
