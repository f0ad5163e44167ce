import { profileCases } from './profile-cases';

profileCases('zabbix-agent2', [
  {
    image: 'zabbix/zabbix-agent2:alpine-7.0-latest',
    id: 'zabbix-agent2',
    imageUser: 'zabbix 1997:1995',
    stepsDownTo: null,
    runAs: '1997:1995',
    needsRoot: false,
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: ['/tmp', '/var/lib/zabbix/enc_internal'],
    statePaths: ['/var/lib/zabbix/buffer'],
    publicPorts: ['10050/tcp'],
    readOnlyUnsupported: true,
    noNewPrivilegesUnsupported: false,
  },
  { image: 'zabbix/zabbix-agent2', id: 'zabbix-agent2', statePaths: ['/var/lib/zabbix/buffer'] },
  { image: 'zabbix/zabbix-agent2:ubuntu-7.0.5', id: 'zabbix-agent2', runAs: '1997:1995' },
  { image: 'registry.connect.redhat.com/zabbix/zabbix-agent2-64:6.4.19', id: 'zabbix-agent2' },
  { image: 'zabbix/zabbix-agent:latest', id: null },
]);
