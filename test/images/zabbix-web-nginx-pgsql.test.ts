import { profileCases } from './profile-cases';

profileCases('zabbix-web-nginx-pgsql', [
  {
    image: 'zabbix/zabbix-web-nginx-pgsql:alpine-7.0-latest',
    id: 'zabbix-web-nginx-pgsql',
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
  { image: 'zabbix/zabbix-web-nginx-pgsql', id: 'zabbix-web-nginx-pgsql', runtimePaths: ['/tmp'] },
  {
    image: 'docker.io/zabbix/zabbix-web-nginx-pgsql:ubuntu-6.0.35',
    id: 'zabbix-web-nginx-pgsql',
    imageUser: 'zabbix 1997:1995',
  },
  {
    image: 'registry.connect.redhat.com/zabbix/zabbix-web-pgsql-70:7.0.5',
    id: 'zabbix-web-nginx-pgsql',
    runAs: '1997:1995',
  },
  { image: 'zabbix/zabbix-web-nginx-mysql:latest', id: null },
  { image: 'zabbix/zabbix-web-apache-pgsql:latest', id: null },
]);
