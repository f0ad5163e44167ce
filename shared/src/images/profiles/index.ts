import type { ImageProfile } from '../profile';
import postgres from './postgres';
import mariadb from './mariadb';
import mysql from './mysql';
import mongo from './mongo';
import redis from './redis';
import valkey from './valkey';
import memcached from './memcached';
import rabbitmq from './rabbitmq';
import nginx from './nginx';
import nginxUnprivileged from './nginx-unprivileged';
import httpd from './httpd';
import caddy from './caddy';
import traefik from './traefik';
import haproxy from './haproxy';
import nextcloud from './nextcloud';
import wordpress from './wordpress';
import paperlessNgx from './paperless-ngx';
import pihole from './pihole';
import gotenberg from './gotenberg';
import apacheTika from './apache-tika';
import grafana from './grafana';
import prometheus from './prometheus';
import elasticsearch from './elasticsearch';
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
import alpine from './alpine';
import busybox from './busybox';
import debian from './debian';
import ubuntu from './ubuntu';
import node from './node';
import python from './python';
import php from './php';
import golang from './golang';
import ruby from './ruby';
import openjdk from './openjdk';
import eclipseTemurin from './eclipse-temurin';
import dotnet from './dotnet';
import maven from './maven';
import rust from './rust';
import buildpackDeps from './buildpack-deps';
import jupyter from './jupyter';

/** Every image profile. Adding an image is adding its file, its test and one line here. */
export const PROFILES: readonly ImageProfile[] = [
  // Databases
  postgres,
  mariadb,
  mysql,
  mongo,
  redis,
  valkey,
  memcached,
  rabbitmq,
  elasticsearch,
  // Web servers and reverse proxies
  nginx,
  nginxUnprivileged,
  httpd,
  caddy,
  traefik,
  haproxy,
  // Applications
  nextcloud,
  wordpress,
  paperlessNgx,
  pihole,
  gotenberg,
  apacheTika,
  // Monitoring
  grafana,
  prometheus,
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
  // Base images: OS and language runtimes (their user and accounts only)
  alpine,
  busybox,
  debian,
  ubuntu,
  node,
  python,
  php,
  golang,
  ruby,
  openjdk,
  eclipseTemurin,
  dotnet,
  maven,
  rust,
  buildpackDeps,
  jupyter,
];
