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

const c = zabbixComponent('proxy-sqlite3');
const netRaw = zabbixNetRaw(c);

export default defineProfile({
  id: 'zabbix-proxy-sqlite3',
  title: 'Zabbix proxy with SQLite3 support (official Zabbix image)',
  role: 'service',
  // The rhel Dockerfiles name this image both ways: `zabbix-proxy-sqlite-70` in the `run` label, `zabbix-proxy-sqlite3-70` in the docker.cmd label.
  repositories: [
    'zabbix/zabbix-proxy-sqlite3',
    ...redHatRepositories('zabbix-proxy-sqlite3', ['50', '60', '64', '70', 'trunk']),
    ...redHatRepositories('zabbix-proxy-sqlite', ['50', '60', '64', '70', 'trunk']),
  ],
  documentation: 'https://hub.docker.com/r/zabbix/zabbix-proxy-sqlite3',
  user: zabbixUser(c),
  capabilities: { asImageUser: [netRaw], asRunAsUser: [netRaw] },
  paths: [
    zabbixSocketDir(c),
    zabbixEncInternal(c),
    {
      path: '/var/lib/zabbix/db_data',
      kind: 'state',
      why: "the proxy's SQLite3 database file (DBName), named after ZBX_HOSTNAME",
      source: c.entrypoint(
        'update_config_var $ZBX_CONFIG "DBName" "/var/lib/zabbix/db_data/${ZBX_HOSTNAME:-"zabbix-proxy-sqlite3"}.sqlite"',
      ),
    },
    zabbixSnmptrapsVolume(c, 'VOLUME ["/var/lib/zabbix/snmptraps"]'),
  ],
  publicPorts: [
    {
      port: 10051,
      protocol: 'tcp',
      why: 'the proxy trapper port: active agents and senders connect to it, and so does the server when the proxy is passive',
      source: zabbixCompose(`   - name: zabbix-trapper
     target: 10051
     published: "\${ZABBIX_PROXY_SQLITE3_PORT}"`),
    },
  ],
  readOnlyUnsupported: zabbixConfigRewrite(
    c,
    '/etc/zabbix/zabbix_proxy.conf',
    'server address, hostname, database file, log type',
  ),
});
