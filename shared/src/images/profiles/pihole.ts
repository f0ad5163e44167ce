import { defineProfile, type Source } from '../profile';

/** The image: Dockerfile, start.sh and bash_functions.sh. */
const REPO = 'pi-hole/docker-pi-hole';
const COMMIT = 'dd91b4847d97f0aac68bfefd1c108ed0627e6c68';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
const start = (excerpt: string): Source => at('src/start.sh', excerpt);
const functions = (excerpt: string): Source => at('src/bash_functions.sh', excerpt);
/** Pi-hole core, cloned into the image (/etc/.pihole): the FTL pre-start and post-stop scripts start.sh runs as root. */
const CORE = 'pi-hole/pi-hole';
const CORE_COMMIT = '1837b754b945eeab6ad5976443b38b983eb96e6e';
const core = (path: string, excerpt: string): Source => ({ repo: CORE, commit: CORE_COMMIT, path, excerpt });
const prestart = (excerpt: string): Source => core('advanced/Templates/pihole-FTL-prestart.sh', excerpt);
/** docs.pi-hole.net sources (docs/docker/configuration.md: "Note on Capabilities"). */
const DOCS = 'pi-hole/docs';
const DOCS_COMMIT = '7c96feb53ee00dabb703d3b8da20b4b7d96cad5b';
const docs = (excerpt: string): Source => ({
  repo: DOCS,
  commit: DOCS_COMMIT,
  path: 'docs/docker/configuration.md',
  excerpt,
});
const readme = (excerpt: string): Source => at('README.md', excerpt);

const CAPSH = 'capsh --user="${DNSMASQ_USER}" --keep=1 -- -c "/usr/bin/pihole-FTL $FTL_CMD >/dev/null" &';
const SETCAP = 'setcap "${CAP_STR:1}"+ep "$(which pihole-FTL)" || ret=$?';

/**
 * start.sh runs as root: it remaps the pihole user (PIHOLE_UID/PIHOLE_GID), rewrites FTL's config from FTLCONF_*
 * variables with `pihole-FTL --config`, installs the crontab and starts crond, runs Pi-hole's pre-start script (chown
 * and chmod of /etc/pihole and /var/log/pihole), then gives pihole-FTL the capabilities it finds in its own set as file
 * capabilities (`setcap …+ep`) and starts it as pihole with capsh. It stays as the parent and, on stop, signals FTL.
 *
 * The capabilities listed are those the default start needs. Left out, as the docs make them optional and Docker does
 * not grant the first three by default: NET_ADMIN (DHCP, IPv6 router advertisements), SYS_TIME (setting the host clock
 * by NTP), SYS_NICE (priority), and NET_RAW (DHCPv6, the "address in use" check before a lease; the docs say it can be
 * dropped). A service that runs Pi-hole's DHCP server keeps its own `cap_add: [NET_ADMIN]` and needs NET_RAW added.
 * /etc/dnsmasq.d is a volume only with FTLCONF_misc_etc_dnsmasq_d, so it is left out of the paths.
 */
export default defineProfile({
  id: 'pihole',
  title: 'Pi-hole (official image)',
  role: 'service',
  repositories: ['pihole/pihole', 'ghcr.io/pi-hole/pihole'],
  documentation: 'https://docs.pi-hole.net/docker/',
  user: {
    image: { name: 'root', uid: 0, gid: 0, source: at('src/Dockerfile', 'ENTRYPOINT ["start.sh"]') },
    stepsDown: { to: { name: 'pihole', uid: 1000, gid: 1000 }, tool: 'capsh', source: start(CAPSH) },
    needsRoot: {
      why: 'the entrypoint, as root, sets file capabilities on pihole-FTL, remaps the pihole user, chowns /etc/pihole and starts crond before it starts FTL as pihole',
      source: functions(SETCAP),
    },
  },
  capabilities: {
    asImageUser: [
      {
        capability: 'CHOWN',
        why: "Pi-hole's pre-start script, as root, chowns /etc/pihole and /var/log/pihole to pihole (and FTL, as pihole, gets CHOWN as a file capability for its logs and databases)",
        source: prestart(`# Ensure that permissions are set so that pihole-FTL can edit all necessary files
mkdir -p /var/log/pihole
chown -R pihole:pihole /etc/pihole/ /var/log/pihole/`),
      },
      {
        capability: 'DAC_OVERRIDE',
        why: "the entrypoint, as root, reads and rewrites /etc/pihole/pihole.toml with `pihole-FTL --config`; the pre-start script leaves it pihole's with mode 0640",
        source:
          functions(`# Force a check of pihole-FTL --config, this will read any environment variables and set them in the config file
    # suppress the output as we don't need to see the default values.
    getFTLConfigValue >/dev/null`),
      },
      {
        capability: 'FOWNER',
        why: "Pi-hole's pre-start script, as root, chmods the directories and files of /etc/pihole and /var/log/pihole after giving them to pihole",
        source: prestart(`# allow pihole to access subdirs in /etc/pihole (sets execution bit on dirs)
find /etc/pihole/ /var/log/pihole/ -type d -exec chmod 0755 {} +`),
      },
      {
        capability: 'KILL',
        why: 'on stop, the entrypoint, as root, sends SIGTERM to pihole-FTL, which runs as pihole',
        source: start('killall --signal 15 pihole-FTL'),
      },
      {
        capability: 'NET_BIND_SERVICE',
        why: 'FTL, as pihole, binds DNS on port 53 (and its web server on 80 and 443), through the file capability the entrypoint gives it',
        source: docs(
          '- `CAP_NET_BIND_SERVICE`: Allows FTLDNS binding to TCP/UDP sockets below 1024 (specifically DNS service on port 53)',
        ),
      },
      {
        capability: 'SETFCAP',
        why: 'the entrypoint, as root, sets the file capabilities of /usr/bin/pihole-FTL (setcap), and stops when it cannot',
        source: functions(SETCAP),
      },
      { capability: 'SETGID', why: 'capsh switches to the pihole group before starting FTL', source: start(CAPSH) },
      { capability: 'SETUID', why: 'capsh switches to the pihole user before starting FTL', source: start(CAPSH) },
    ],
    asRunAsUser: [],
  },
  paths: [
    {
      path: '/run',
      kind: 'runtime',
      why: "FTL's pid file (/run/pihole-FTL.pid) and API socket (/run/pihole/FTL.sock), removed by the post-stop script at every start",
      source: core(
        'advanced/Templates/pihole-FTL-poststop.sh',
        'rm -f /run/pihole/FTL.sock /dev/shm/FTL-* "${FTL_PID_FILE}"',
      ),
    },
    {
      path: '/var/log/pihole',
      kind: 'runtime',
      why: "FTL's, the DNS query and the web server logs (the entrypoint tails FTL.log into the container's output)",
      source: prestart(`FTL_LOG_FILE="\${FTL_LOG_FILE:-/var/log/pihole/FTL.log}"
PIHOLE_LOG_FILE="\${PIHOLE_LOG_FILE:-/var/log/pihole/pihole.log}"
WEBSERVER_LOG_FILE="\${WEBSERVER_LOG_FILE:-/var/log/pihole/webserver.log}"`),
    },
    {
      path: '/etc/pihole',
      kind: 'state',
      why: "Pi-hole's configuration (pihole.toml), the gravity and query databases, DHCP leases and TLS certificate",
      source: readme(`# For persisting Pi-hole's databases and common configuration file
      - './etc-pihole:/etc/pihole'`),
    },
  ],
  publicPorts: [
    {
      port: 53,
      protocol: 'tcp',
      why: 'DNS: answering the clients of the network is what Pi-hole is for',
      source: readme('# DNS Ports\n      - "53:53/tcp"\n      - "53:53/udp"'),
    },
    {
      port: 53,
      protocol: 'udp',
      why: 'DNS: answering the clients of the network is what Pi-hole is for',
      source: readme('# DNS Ports\n      - "53:53/tcp"\n      - "53:53/udp"'),
    },
    {
      port: 67,
      protocol: 'udp',
      why: "DHCP, when Pi-hole is the network's DHCP server",
      source: readme('# Uncomment the line below if you are using Pi-hole as your DHCP server\n      #- "67:67/udp"'),
    },
    {
      port: 80,
      protocol: 'tcp',
      why: 'the web interface (and the blocking page)',
      source: readme('# Default HTTP Port\n      - "80:80/tcp"'),
    },
    {
      port: 443,
      protocol: 'tcp',
      why: 'the web interface over HTTPS (FTL makes a self-signed certificate)',
      source: readme('# Default HTTPs Port. FTL will generate a self-signed certificate\n      - "443:443/tcp"'),
    },
    {
      port: 123,
      protocol: 'udp',
      why: "NTP, when Pi-hole is the network's time server",
      source: readme('# Uncomment the line below if you are using Pi-hole as your NTP server\n      #- "123:123/udp"'),
    },
  ],
  readOnlyUnsupported: {
    why: 'at every start the entrypoint writes file capabilities onto /usr/bin/pihole-FTL in the image (setcap) and edits /crontab.txt with sed -i, and it stops when setcap fails',
    source: functions(`if [[ $ret -ne 0 && "\${DNSMASQ_USER:-pihole}" != "root" ]]; then
            echo "  [!] ERROR: Unable to set capabilities for pihole-FTL. Cannot run as non-root."`),
  },
  noNewPrivilegesUnsupported: {
    why: 'FTL gets its capabilities (NET_BIND_SERVICE, CHOWN, NET_ADMIN, …) as file capabilities when it is executed as pihole, which no-new-privileges keeps it from gaining',
    source: docs(
      'This image automatically grants those capabilities, if available, to the FTLDNS process, even when run as non-root.',
    ),
  },
});
