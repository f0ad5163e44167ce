import { defineProfile } from '../profile';
import { redHatRepositories, zabbixComponent, zabbixUser } from './common/zabbix';

const c = zabbixComponent('java-gateway');

// The entrypoint only sets the log level in /etc/zabbix/zabbix_java_gateway_logback.xml with sed -i, without `set -e`:
// on a read-only root that edit fails and ZBX_DEBUGLEVEL is ignored, but the gateway starts.
export default defineProfile({
  id: 'zabbix-java-gateway',
  title: 'Zabbix Java gateway (official Zabbix image)',
  role: 'service',
  repositories: [
    'zabbix/zabbix-java-gateway',
    ...redHatRepositories('zabbix-java-gateway', ['50', '60', '64', '70', 'trunk']),
  ],
  documentation: 'https://hub.docker.com/r/zabbix/zabbix-java-gateway',
  user: zabbixUser(c),
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
});
