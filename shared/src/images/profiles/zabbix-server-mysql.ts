import { defineProfile } from '../profile';
import {
  redHatRepositories,
  zabbixComponent,
  zabbixCompose,
  zabbixConfigRewrite,
  zabbixEncInternal,
  zabbixNetRaw,
  zabbixSnmptrapsVolume,
  zabbixSocketDir,
  zabbixUser,
} from './common/zabbix';

const c = zabbixComponent('server-mysql');
const netRaw = zabbixNetRaw(c);

export default defineProfile({
  id: 'zabbix-server-mysql',
  title: 'Zabbix server with MySQL support (official Zabbix image)',
  role: 'service',
  repositories: [
    'zabbix/zabbix-server-mysql',
    ...redHatRepositories('zabbix-server-mysql', ['50', '60', '64', '70', 'trunk']),
  ],
  documentation: 'https://hub.docker.com/r/zabbix/zabbix-server-mysql',
  user: zabbixUser(c),
  capabilities: { asImageUser: [netRaw], asRunAsUser: [netRaw] },
  paths: [
    zabbixSocketDir(c),
    zabbixEncInternal(c),
    zabbixSnmptrapsVolume(c, 'VOLUME ["/var/lib/zabbix/snmptraps", "/var/lib/zabbix/export"]'),
    {
      path: '/var/lib/zabbix/export',
      kind: 'state',
      why: 'real-time export files of events, history and trends, when ZBX_EXPORTFILESIZE is set',
      imageVolume: true,
      source: c.dockerfile('VOLUME ["/var/lib/zabbix/snmptraps", "/var/lib/zabbix/export"]'),
    },
  ],
  publicPorts: [
    {
      port: 10051,
      protocol: 'tcp',
      why: 'the trapper port, which active agents, active proxies and senders on other hosts connect to',
      source: zabbixCompose(`   - name: zabbix-trapper
     target: 10051
     published: "\${ZABBIX_SERVER_PORT}"`),
    },
  ],
  readOnlyUnsupported: zabbixConfigRewrite(
    c,
    '/etc/zabbix/zabbix_server.conf',
    'database host and credentials, log type, listen port',
  ),
});
