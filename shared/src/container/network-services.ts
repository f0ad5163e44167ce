/**
 * Services known by the port they listen on, for rules that judge a port by what usually answers there: an image's
 * `EXPOSE`, a compose service's published port.
 */
import type { Port } from './spec';

export interface KnownPorts {
  low: number;
  high: number;
  /** The service, and what makes it a risk to expose, as a noun phrase. */
  service: string;
  /** Protocols it answers on; TCP only when absent. */
  protocols?: string[];
}

/**
 * TCP ports of remote-access services that have no place in a container image (IANA service name registry; VNC
 * listens on 5900 plus the display number, RFC 6143 section 1). SSH's 22 is `image/ssh-server`'s.
 */
export const REMOTE_ACCESS_PORTS: readonly KnownPorts[] = [
  { low: 21, high: 21, service: 'FTP, which sends passwords and files in clear text' },
  { low: 23, high: 23, service: 'Telnet, which sends passwords and sessions in clear text' },
  { low: 512, high: 512, service: 'rexec, which sends passwords in clear text' },
  { low: 513, high: 513, service: 'rlogin, which trusts the client host (`.rhosts`) and sends sessions in clear text' },
  { low: 514, high: 514, service: 'rsh, which trusts the client host (`.rhosts`) and sends commands in clear text' },
  { low: 3389, high: 3389, service: 'RDP, a remote desktop' },
  { low: 5900, high: 5909, service: 'VNC, a remote desktop whose password is at most 8 characters' },
];

/**
 * Data stores that answer anyone who connects unless they are configured otherwise, on their default ports. Sources:
 * Redis: docker-library/redis@e92049967d6b `7.0/debian/Dockerfile` patches protected mode off, and Redis has no
 * password by default (redis.io, "Redis security"); memcached has no authentication unless built and started with
 * SASL (memcached wiki, "SASL"); MongoDB enforces access control only when `--auth` is given, which the official image
 * does only when `MONGO_INITDB_ROOT_USERNAME` is set (docker-library/mongo `docker-entrypoint.sh`); Elasticsearch
 * before 8.0 ships with security off (elastic.co, "Start the Elastic Stack with security enabled automatically"); etcd
 * has authentication disabled until `etcdctl auth enable` (etcd.io, "Role-based access control").
 */
export const OPEN_STORE_PORTS: readonly KnownPorts[] = [
  { low: 6379, high: 6379, service: 'Redis, which has no password by default' },
  {
    low: 11211,
    high: 11211,
    service: 'memcached, which has no authentication by default',
    protocols: ['tcp', 'udp'],
  },
  { low: 27017, high: 27017, service: 'MongoDB, which checks no password unless started with access control' },
  { low: 9200, high: 9200, service: 'the Elasticsearch HTTP API, which has no authentication before version 8' },
  {
    low: 9300,
    high: 9300,
    service: "Elasticsearch's node-to-node transport, which has no authentication before version 8",
  },
  { low: 2379, high: 2379, service: 'the etcd client API, which has no authentication until it is turned on' },
];

/** The first entry of `list` whose ports overlap `low`–`high` for `protocol`. */
export function knownServiceIn(
  list: readonly KnownPorts[],
  low: number,
  high: number,
  protocol: string,
): KnownPorts | undefined {
  const proto = protocol.toLowerCase();
  return list.find((entry) => (entry.protocols ?? ['tcp']).includes(proto) && entry.low <= high && low <= entry.high);
}

/** The clear-text remote-access service or open data store a container port (or range) is the port of, if any. */
export function cleartextServiceOf(port: Port): KnownPorts | undefined {
  const m = /^\s*(\d+)(?:\s*-\s*(\d+))?\s*$/.exec(port.target);
  if (!m) return undefined;
  const low = Number(m[1]);
  const high = m[2] ? Number(m[2]) : low;
  return (
    knownServiceIn(REMOTE_ACCESS_PORTS, low, high, port.protocol) ??
    knownServiceIn(OPEN_STORE_PORTS, low, high, port.protocol)
  );
}
