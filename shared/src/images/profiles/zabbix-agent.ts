import { defineProfile } from '../profile';
import {
  redHatRepositories,
  zabbixComponent,
  zabbixCompose,
  zabbixConfigRewrite,
  zabbixEncInternal,
  zabbixUser,
} from './common/zabbix';

const c = zabbixComponent('agent');

export default defineProfile({
  id: 'zabbix-agent',
  title: 'Zabbix agent (official Zabbix image)',
  role: 'service',
  repositories: ['zabbix/zabbix-agent', ...redHatRepositories('zabbix-agent', ['50', '60', '64', '70', 'trunk'])],
  documentation: 'https://hub.docker.com/r/zabbix/zabbix-agent',
  user: zabbixUser(c),
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [
    {
      path: '/tmp',
      kind: 'runtime',
      why: "the agent's pid file (the entrypoint removes PidFile from the config, leaving the default under /tmp); the upstream compose mounts a tmpfs there",
      source: zabbixCompose(`   - \${DATA_DIRECTORY}/var/lib/zabbix/ssh_keys:/var/lib/zabbix/ssh_keys:ro
  tmpfs: /tmp
  deploy:
   resources:
    limits:
      cpus: '0.2'`),
    },
    zabbixEncInternal(c),
  ],
  publicPorts: [
    {
      port: 10050,
      protocol: 'tcp',
      why: 'passive checks: the Zabbix server or proxy, usually on another host than the monitored one, connects to the agent on 10050 (not needed when only active checks are used)',
      source: c.readme('This image exposes the standard Zabbix agent port (``10050``) to perform passive checks'),
    },
  ],
  readOnlyUnsupported: zabbixConfigRewrite(
    c,
    '/etc/zabbix/zabbix_agentd.conf',
    'Server, ServerActive, Hostname, log type',
  ),
});
