import { profileCases } from './profile-cases';

profileCases('zabbix-web-apache-mysql', [
  {
    image: 'zabbix/zabbix-web-apache-mysql:alpine-7.0-latest',
    id: 'zabbix-web-apache-mysql',
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
  { image: 'zabbix/zabbix-web-apache-mysql', id: 'zabbix-web-apache-mysql', runtimePaths: ['/tmp'] },
  {
    image: 'docker.io/zabbix/zabbix-web-apache-mysql:ubuntu-6.0.35',
    id: 'zabbix-web-apache-mysql',
    imageUser: 'zabbix 1997:1995',
  },
  { image: 'zabbix/zabbix-web-apache-pgsql:latest', id: null },
  { image: 'zabbix/zabbix-web-nginx-mysql:latest', id: null },
]);
