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

const c = zabbixComponent('proxy-mysql');
const netRaw = zabbixNetRaw(c);

export default defineProfile({
  id: 'zabbix-proxy-mysql',
  title: 'Zabbix proxy with MySQL support (official Zabbix image)',
  role: 'service',
  repositories: [
    'zabbix/zabbix-proxy-mysql',
    ...redHatRepositories('zabbix-proxy-mysql', ['50', '60', '64', '70', 'trunk']),
  ],
  documentation: 'https://hub.docker.com/r/zabbix/zabbix-proxy-mysql',
  user: zabbixUser(c),
  capabilities: { asImageUser: [netRaw], asRunAsUser: [netRaw] },
  paths: [zabbixSocketDir(c), zabbixEncInternal(c), zabbixSnmptrapsVolume(c, 'VOLUME ["/var/lib/zabbix/snmptraps"]')],
  publicPorts: [
    {
      port: 10051,
      protocol: 'tcp',
      why: 'the proxy trapper port: active agents and senders connect to it, and so does the server when the proxy is passive',
      source: zabbixCompose(`   - name: zabbix-trapper
     target: 10051
     published: "\${ZABBIX_PROXY_MYSQL_PORT}"`),
    },
  ],
  readOnlyUnsupported: zabbixConfigRewrite(
    c,
    '/etc/zabbix/zabbix_proxy.conf',
    'server address, database host and credentials, log type',
  ),
});
