import { defineProfile } from '../profile';
import { zabbixComponent, zabbixUser } from './common/zabbix';

const c = zabbixComponent('web-apache-mysql');

export default defineProfile({
  id: 'zabbix-web-apache-mysql',
  title: 'Zabbix web interface on Apache with MySQL support (official Zabbix image)',
  role: 'service',
  repositories: ['zabbix/zabbix-web-apache-mysql'],
  documentation: 'https://hub.docker.com/r/zabbix/zabbix-web-apache-mysql',
  user: zabbixUser(c),
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [
    {
      path: '/tmp',
      kind: 'runtime',
      why: "httpd's pid file, which the Dockerfile moves to /tmp (ubuntu: APACHE_PID_FILE and APACHE_RUN_DIR under /tmp)",
      source: c.dockerfile(String.raw`-e 's!^(\s*PidFile)\s+\S+!\1 "/tmp/httpd.pid"!g'`),
    },
  ],
  publicPorts: [],
  readOnlyUnsupported: {
    why: "the entrypoint enables the Zabbix virtual host by symlinking /etc/zabbix/apache.conf into Apache's conf.d (sites-enabled on ubuntu) and edits the image's Apache configuration with sed -i at every start: on a read-only root Apache gets no Zabbix site, and a tmpfs over those directories would hide the image's configuration",
    source: c.entrypoint('ln -sfT "$ZABBIX_ETC_DIR/apache.conf" "$APACHE_SITES_DIR/zabbix.conf"'),
  },
});
