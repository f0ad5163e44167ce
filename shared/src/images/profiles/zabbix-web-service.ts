import { defineProfile } from '../profile';
import {
  redHatRepositories,
  zabbixComponent,
  zabbixCompose,
  zabbixConfigRewrite,
  zabbixEncInternal,
  zabbixUser,
} from './common/zabbix';

const c = zabbixComponent('web-service');

export default defineProfile({
  id: 'zabbix-web-service',
  title: 'Zabbix web service for scheduled reports (official Zabbix image)',
  role: 'service',
  repositories: ['zabbix/zabbix-web-service', ...redHatRepositories('zabbix-web-service', ['60', '64', '70', 'trunk'])],
  documentation: 'https://hub.docker.com/r/zabbix/zabbix-web-service',
  user: zabbixUser(c),
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [
    {
      path: '/tmp',
      kind: 'runtime',
      why: 'scratch space of the headless Chromium that renders reports; the upstream compose mounts a tmpfs there',
      source: zabbixCompose(`   - \${DATA_DIRECTORY}/var/lib/zabbix/enc:/var/lib/zabbix/enc:ro
  tmpfs: /tmp
  security_opt:`),
    },
    zabbixEncInternal(c),
  ],
  publicPorts: [],
  readOnlyUnsupported: zabbixConfigRewrite(
    c,
    '/etc/zabbix/zabbix_web_service.conf',
    'AllowedIP, listen port, log type',
  ),
});
