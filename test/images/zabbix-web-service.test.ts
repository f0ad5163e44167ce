import { profileCases } from './profile-cases';

profileCases('zabbix-web-service', [
  {
    image: 'zabbix/zabbix-web-service:alpine-7.0-latest',
    id: 'zabbix-web-service',
    imageUser: 'zabbix 1997:1995',
    stepsDownTo: null,
    runAs: '1997:1995',
    needsRoot: false,
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: ['/tmp', '/var/lib/zabbix/enc_internal'],
    statePaths: [],
    publicPorts: [],
    readOnlyUnsupported: true,
  },
  { image: 'zabbix/zabbix-web-service', id: 'zabbix-web-service', runAs: '1997:1995' },
  { image: 'zabbix/zabbix-web-service:ubuntu-6.0-latest', id: 'zabbix-web-service', capsAsImageUser: [] },
  { image: 'registry.connect.redhat.com/zabbix/zabbix-web-service-70:7.0.5', id: 'zabbix-web-service' },
  { image: 'zabbix/zabbix-web-nginx-mysql:latest', id: null },
]);
