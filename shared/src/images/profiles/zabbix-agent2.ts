import { defineProfile } from '../profile';
import {
  redHatRepositories,
  zabbixComponent,
  zabbixCompose,
  zabbixConfigRewrite,
  zabbixEncInternal,
  zabbixUser,
} from './common/zabbix';

const c = zabbixComponent('agent2');

export default defineProfile({
  id: 'zabbix-agent2',
  title: 'Zabbix agent 2 (official Zabbix image)',
  role: 'service',
  repositories: ['zabbix/zabbix-agent2', ...redHatRepositories('zabbix-agent2', ['50', '60', '64', '70', 'trunk'])],
  documentation: 'https://hub.docker.com/r/zabbix/zabbix-agent2',
  user: zabbixUser(c),
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [
    {
      path: '/tmp',
      kind: 'runtime',
      why: "the agent's pid file and sockets (the entrypoint removes PidFile from the config, leaving the default under /tmp); the upstream compose mounts a tmpfs there",
      source: zabbixCompose(`   - \${DATA_DIRECTORY}/var/lib/zabbix/ssh_keys:/var/lib/zabbix/ssh_keys:ro
  tmpfs: /tmp
  deploy:
   resources:
    limits:
      cpus: '0.2'`),
    },
    zabbixEncInternal(c),
    {
      path: '/var/lib/zabbix/buffer',
      kind: 'state',
      why: 'the persistent buffer (a SQLite database of collected values), when ZBX_ENABLEPERSISTENTBUFFER is true',
      source: c.readme(
        'The volume is used to store the file, where Zabbix Agent2 should keep SQLite database. To enable the feature specify ``ZBX_ENABLEPERSISTENTBUFFER=true``.',
      ),
    },
  ],
  publicPorts: [
    {
      port: 10050,
      protocol: 'tcp',
      why: 'passive checks: the Zabbix server or proxy, usually on another host than the monitored one, connects to the agent on 10050 (not needed when only active checks are used)',
      source: c.readme('This image exposes the standard Zabbix agent 2 port (``10050``) to perform passive checks'),
    },
  ],
  readOnlyUnsupported: zabbixConfigRewrite(
    c,
    '/etc/zabbix/zabbix_agent2.conf',
    'Server, ServerActive, Hostname, log type, plugin paths',
  ),
});
