/**
 * Sources and facts shared by the Zabbix images, which are all built from zabbix/zabbix-docker
 * (`Dockerfiles/<component>/<os>/Dockerfile`). Not a profile: it
 * lives in common/, beside the profiles that use it.
 *
 * What every Linux component has in common, on every OS variant (alpine, ubuntu, centos, ol, rhel) and on the 5.0, 6.0,
 * 6.4 and 7.0 branches: the Dockerfile creates `zabbix` with uid 1997 in group `zabbix` gid 1995 and ends with
 * `USER 1997` (no group, so Docker takes gid 1995 from /etc/passwd); no entrypoint steps down or chowns anything. The
 * sources cite the alpine files, as `latest` is alpine ("The image with ``latest`` tag is based on Alpine Linux").
 */
import type { CapabilityNeed, PathNeed, Source, UserFacts } from '../../profile';

export const ZABBIX_REPO = 'zabbix/zabbix-docker';
/** Branch 7.0 at release 7.0.5 (tag 7.0.5), the branch `latest` is built from. */
export const ZABBIX_COMMIT = '66a0efd509493f91f4626f02a59d77152e5efa3a';

export const zabbixAt = (path: string, excerpt: string): Source => ({
  repo: ZABBIX_REPO,
  commit: ZABBIX_COMMIT,
  path,
  excerpt,
});

/** The upstream compose file, which runs every component with `tmpfs: /tmp` (and snmptraps with `read_only: true`). */
export const zabbixCompose = (excerpt: string): Source => zabbixAt('compose_zabbix_components.yaml', excerpt);

export interface ZabbixComponent {
  dockerfile(excerpt: string): Source;
  entrypoint(excerpt: string): Source;
  readme(excerpt: string): Source;
  /** A file under `Dockerfiles/<component>/alpine/` (`conf/etc/nginx/nginx.conf`). */
  file(path: string, excerpt: string): Source;
}

/** The files of one component (`server-mysql`): its alpine Dockerfile and entrypoint, and its README. */
export function zabbixComponent(component: string): ZabbixComponent {
  const dir = `Dockerfiles/${component}`;
  return {
    dockerfile: (excerpt) => zabbixAt(`${dir}/alpine/Dockerfile`, excerpt),
    entrypoint: (excerpt) => zabbixAt(`${dir}/alpine/docker-entrypoint.sh`, excerpt),
    readme: (excerpt) => zabbixAt(`${dir}/README.md`, excerpt),
    file: (path, excerpt) => zabbixAt(`${dir}/alpine/${path}`, excerpt),
  };
}

/** The account every alpine Dockerfile creates (ubuntu and the RHEL family: `groupadd --gid 1995`, `useradd -g zabbix --uid 1997`). */
const ACCOUNT = `addgroup \\
            --system \\
            --gid 1995 \\
        zabbix && \\
    adduser \\
            --system \\
            --gecos "Zabbix monitoring system" \\
            --disabled-password \\
            --uid 1997 \\
            --ingroup zabbix \\`;

/** The images already run as zabbix (1997:1995) and never step down; `user: "1997:1995"` states the same user. */
export function zabbixUser(c: ZabbixComponent): UserFacts {
  return {
    image: { name: 'zabbix', uid: 1997, gid: 1995, source: c.dockerfile('USER 1997') },
    runAs: {
      user: '1997:1995',
      name: 'zabbix',
      caveat: 'the image already runs as this user; a bind-mounted folder it writes to must be writable by uid 1997',
      source: c.dockerfile('USER 1997'),
    },
    accounts: [{ name: 'zabbix', uid: 1997, gid: 1995, source: c.dockerfile(ACCOUNT) }],
  };
}

/**
 * Server and proxy: pingers run fping for ICMP checks, and the image's nmap (for the "Detect operating system" script)
 * has a file capability. Started as the non-root image user, the processes get NET_RAW only from that file
 * capability (or a setuid fping), which needs NET_RAW in the bounding set.
 */
export function zabbixNetRaw(c: ZabbixComponent): CapabilityNeed {
  return {
    capability: 'NET_RAW',
    why: 'ICMP checks run fping, for which the README says to add NET_RAW when capabilities are restricted; the image also gives nmap the file capability cap_net_raw+eip, so exec of nmap fails without NET_RAW in the bounding set',
    source: c.readme('in this case add `--cap-add=net_raw` to `docker run` or `podman run` commands.'),
  };
}

/** The entrypoints edit the image's own config file in place (sed -i writes a temporary file beside it) at every start. */
export function zabbixConfigRewrite(c: ZabbixComponent, config: string, what: string): { why: string; source: Source } {
  return {
    why: `the entrypoint rewrites the image's ${config} in place with sed -i at every start (${what}): that fails on a read-only root and leaves the defaults, and a tmpfs over /etc/zabbix would hide the file`,
    source: c.entrypoint('sed -i -e "/^$var_name=/s/=.*/=$var_value/" "$config_path"'),
  };
}

/** TLS material given as environment values (ZBX_TLSCA, ZBX_TLSCERT, ZBX_TLSKEY…) is written out at every start. */
export function zabbixEncInternal(c: ZabbixComponent): PathNeed {
  return {
    path: '/var/lib/zabbix/enc_internal',
    kind: 'runtime',
    why: 'the entrypoint writes TLS certificates and keys given as environment values (ZBX_TLSCA, ZBX_TLSCERT, ZBX_TLSKEY…) there at every start',
    source: c.entrypoint('echo -n "$var_value" > "${ZABBIX_INTERNAL_ENC_DIR}/$var_name"'),
  };
}

/** Server and proxy: the entrypoint sets SocketDir to /tmp (internal IPC sockets); the pid file defaults there too. */
export function zabbixSocketDir(c: ZabbixComponent): PathNeed {
  return {
    path: '/tmp',
    kind: 'runtime',
    why: 'the entrypoint sets SocketDir to /tmp, where the daemon creates the Unix sockets of its internal services',
    source: c.entrypoint('update_config_var $ZBX_CONFIG "SocketDir" "/tmp/"'),
  };
}

/** The shared SNMP trap file: a VOLUME in the server and proxy images, filled by the zabbix-snmptraps container. */
export function zabbixSnmptrapsVolume(c: ZabbixComponent, volumeLine: string): PathNeed {
  return {
    path: '/var/lib/zabbix/snmptraps',
    kind: 'state',
    why: 'snmptraps.log, shared with the zabbix-snmptraps container, which the daemon reads when ZBX_ENABLE_SNMP_TRAPS is true',
    imageVolume: true,
    source: c.dockerfile(volumeLine),
  };
}

/**
 * Red Hat certified builds (`Dockerfiles/<component>/rhel`), named with the major version in the repository:
 * `registry.connect.redhat.com/zabbix/zabbix-agent-70` in the 7.0 branch's rhel Dockerfile labels, `-50`, `-60`, `-64`
 * in the 5.0, 6.0, 6.4 branches, `-trunk` in trunk.
 */
export function redHatRepositories(name: string, versions: readonly string[]): string[] {
  return versions.map((version) => `registry.connect.redhat.com/zabbix/${name}-${version}`);
}
