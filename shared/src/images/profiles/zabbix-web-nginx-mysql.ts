import { defineProfile } from '../profile';
import { redHatRepositories, zabbixComponent, zabbixUser } from './common/zabbix';

const c = zabbixComponent('web-nginx-mysql');

export default defineProfile({
  id: 'zabbix-web-nginx-mysql',
  title: 'Zabbix web interface on Nginx with MySQL support (official Zabbix image)',
  role: 'service',
  repositories: [
    'zabbix/zabbix-web-nginx-mysql',
    ...redHatRepositories('zabbix-web-nginx', ['50', '60', '64', '70', 'trunk']),
  ],
  documentation: 'https://hub.docker.com/r/zabbix/zabbix-web-nginx-mysql',
  user: zabbixUser(c),
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [
    {
      path: '/tmp',
      kind: 'runtime',
      why: "pid files and sockets of nginx, php-fpm and supervisord, and nginx's temporary directories",
      source: c.file('conf/etc/nginx/nginx.conf', 'pid /tmp/nginx.pid;'),
    },
  ],
  publicPorts: [],
  readOnlyUnsupported: {
    why: "the entrypoint enables the Zabbix virtual host by symlinking /etc/zabbix/nginx.conf into nginx's http.d (conf.d on other variants), which the Dockerfile empties, and fills placeholders in the image's nginx configuration with sed -i at every start: on a read-only root nginx gets no Zabbix site, and a tmpfs over those directories would hide the image's configuration",
    source: c.entrypoint('ln -sfT "$ZABBIX_ETC_DIR/nginx.conf" "$NGINX_CONFD_DIR/nginx.conf"'),
  },
});
