import type { ImageProfile } from '../profile';
import zabbixServerMysql from './zabbix-server-mysql';
import zabbixServerPgsql from './zabbix-server-pgsql';
import zabbixProxyMysql from './zabbix-proxy-mysql';
import zabbixProxySqlite3 from './zabbix-proxy-sqlite3';
import zabbixAgent from './zabbix-agent';
import zabbixAgent2 from './zabbix-agent2';
import zabbixWebNginxMysql from './zabbix-web-nginx-mysql';
import zabbixWebNginxPgsql from './zabbix-web-nginx-pgsql';
import zabbixWebApacheMysql from './zabbix-web-apache-mysql';
import zabbixWebApachePgsql from './zabbix-web-apache-pgsql';
import zabbixJavaGateway from './zabbix-java-gateway';
import zabbixSnmptraps from './zabbix-snmptraps';
import zabbixWebService from './zabbix-web-service';

/** Profiles being added (family: zabbix); folded into index.ts once reviewed. Shared sources: family-zabbix-common.ts. */
export const FAMILY: readonly ImageProfile[] = [
  zabbixServerMysql,
  zabbixServerPgsql,
  zabbixProxyMysql,
  zabbixProxySqlite3,
  zabbixAgent,
  zabbixAgent2,
  zabbixWebNginxMysql,
  zabbixWebNginxPgsql,
  zabbixWebApacheMysql,
  zabbixWebApachePgsql,
  zabbixJavaGateway,
  zabbixSnmptraps,
  zabbixWebService,
];
