import { profileCases } from './profile-cases';

profileCases('zabbix-java-gateway', [
  {
    image: 'zabbix/zabbix-java-gateway:alpine-7.0-latest',
    id: 'zabbix-java-gateway',
    imageUser: 'zabbix 1997:1995',
    stepsDownTo: null,
    runAs: '1997:1995',
    needsRoot: false,
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: [],
    statePaths: [],
    publicPorts: [],
    readOnlyUnsupported: false,
  },
  { image: 'zabbix/zabbix-java-gateway', id: 'zabbix-java-gateway', runAs: '1997:1995' },
  { image: 'zabbix/zabbix-java-gateway:ubuntu-6.4.19', id: 'zabbix-java-gateway', imageUser: 'zabbix 1997:1995' },
  { image: 'registry.connect.redhat.com/zabbix/zabbix-java-gateway-70:7.0.5', id: 'zabbix-java-gateway' },
  { image: 'zabbix/zabbix-web-service:latest', id: null },
]);
