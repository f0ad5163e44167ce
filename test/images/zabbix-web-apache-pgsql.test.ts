import { profileCases } from './profile-cases';

profileCases('zabbix-web-apache-pgsql', [
  {
    image: 'zabbix/zabbix-web-apache-pgsql:alpine-7.0-latest',
    id: 'zabbix-web-apache-pgsql',
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
  { image: 'zabbix/zabbix-web-apache-pgsql', id: 'zabbix-web-apache-pgsql', runtimePaths: ['/tmp'] },
  {
    image: 'docker.io/zabbix/zabbix-web-apache-pgsql:ubuntu-6.0.35',
    id: 'zabbix-web-apache-pgsql',
    imageUser: 'zabbix 1997:1995',
  },
  { image: 'zabbix/zabbix-web-apache-mysql:latest', id: null },
  { image: 'zabbix/zabbix-web-nginx-pgsql:latest', id: null },
]);
