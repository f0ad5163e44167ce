import { profileCases } from './profile-cases';

profileCases('zabbix-web-nginx-mysql', [
  {
    image: 'zabbix/zabbix-web-nginx-mysql:alpine-7.0-latest',
    id: 'zabbix-web-nginx-mysql',
    imageUser: 'zabbix 1997:1995',
    stepsDownTo: null,
    runAs: '1997:1995',
    needsRoot: false,
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: ['/tmp'],
    statePaths: [],
    publicPorts: [],
    readOnlyUnsupported: true,
  },
  { image: 'zabbix/zabbix-web-nginx-mysql', id: 'zabbix-web-nginx-mysql', runtimePaths: ['/tmp'] },
  {
    image: 'docker.io/zabbix/zabbix-web-nginx-mysql:ubuntu-6.0.35',
    id: 'zabbix-web-nginx-mysql',
    imageUser: 'zabbix 1997:1995',
  },
  {
    image: 'registry.connect.redhat.com/zabbix/zabbix-web-nginx-70:7.0.5',
    id: 'zabbix-web-nginx-mysql',
    runAs: '1997:1995',
  },
  { image: 'zabbix/zabbix-web-nginx-pgsql:latest', id: null },
  { image: 'zabbix/zabbix-web-apache-mysql:latest', id: null },
]);
