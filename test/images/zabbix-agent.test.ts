import { profileCases } from './profile-cases';

profileCases('zabbix-agent', [
  {
    image: 'zabbix/zabbix-agent:alpine-7.0-latest',
    id: 'zabbix-agent',
    imageUser: 'zabbix 1997:1995',
    stepsDownTo: null,
    runAs: '1997:1995',
    accounts: ['zabbix 1997:1995'],
    needsRoot: false,
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: ['/tmp', '/var/lib/zabbix/enc_internal'],
    statePaths: [],
    publicPorts: ['10050/tcp'],
    readOnlyUnsupported: true,
  },
  { image: 'zabbix/zabbix-agent', id: 'zabbix-agent', publicPorts: ['10050/tcp'] },
  { image: 'docker.io/zabbix/zabbix-agent:ubuntu-6.0-latest', id: 'zabbix-agent', runAs: '1997:1995' },
  { image: 'registry.connect.redhat.com/zabbix/zabbix-agent-70:7.0.5', id: 'zabbix-agent', capsAsImageUser: [] },
  { image: 'zabbix/zabbix-agent2:latest', id: null },
  { image: 'ghcr.io/zabbix/zabbix-agent:latest', id: null },
]);
