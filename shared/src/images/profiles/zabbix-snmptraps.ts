import { defineProfile } from '../profile';
import { redHatRepositories, zabbixComponent, zabbixUser } from './common/zabbix';

const c = zabbixComponent('snmptraps');

// No entrypoint: snmptrapd runs directly as the image user; the upstream compose runs this service with `read_only: true`.
export default defineProfile({
  id: 'zabbix-snmptraps',
  title: 'Zabbix SNMP traps receiver (official Zabbix image)',
  role: 'service',
  repositories: [
    'zabbix/zabbix-snmptraps',
    ...redHatRepositories('zabbix-snmptraps', ['50', '60', '64', '70', 'trunk']),
  ],
  documentation: 'https://hub.docker.com/r/zabbix/zabbix-snmptraps',
  user: zabbixUser(c),
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [
    {
      path: '/tmp',
      kind: 'runtime',
      why: "snmptrapd's pid file",
      source: c.file('conf/etc/snmp/snmptrapd.conf', 'pidFile /tmp/snmptrapd.pid'),
    },
    {
      path: '/var/lib/zabbix/snmptraps',
      kind: 'state',
      why: 'the trap handler appends received traps to snmptraps.log there, which the Zabbix server or proxy reads from the shared volume',
      imageVolume: true,
      source: c.dockerfile('VOLUME ["/var/lib/zabbix/snmptraps"]'),
    },
  ],
  publicPorts: [
    {
      port: 1162,
      protocol: 'udp',
      why: 'SNMP traps from monitored devices arrive on 1162/udp (the README publishes it as 162/udp on the host)',
      source: c.readme('docker run --name some-zabbix-snmptraps -p 162:1162/udp -d zabbix/zabbix-snmptraps:tag'),
    },
  ],
});
