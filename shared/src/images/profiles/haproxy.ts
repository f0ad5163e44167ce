import { defineProfile, type Source } from '../profile';

/** The image: Dockerfiles and entrypoint (2.6 to 3.5, Debian trixie and Alpine 3.24). */
const REPO = 'docker-library/haproxy';
const COMMIT = 'ec437dd2a3656610b10a42c08763d8fa1c591efe';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
/** The commit that added the haproxy user (uid 99) to every version, the default user only from 2.4. */
const USER_COMMIT = '82ff028a25c55c36e8c39b16390e4e04efa2bc4a';
/** HAProxy itself: its example edge configuration. */
const UPSTREAM = 'haproxy/haproxy';
const UPSTREAM_COMMIT = '50872daa6a857e82afc40b1c5161924aef4172d7';
const DOCS = 'docker-library/docs';
const DOCS_COMMIT = 'c4a9ba41443427b2ec1d5c4cc01879076aa4a1eb';
const docs = (excerpt: string): Source => ({ repo: DOCS, commit: DOCS_COMMIT, path: 'haproxy/content.md', excerpt });

const useraddDebian = `groupadd --gid 99 --system haproxy; \\
	useradd \\
		--gid haproxy \\
		--home-dir /var/lib/haproxy \\
		--no-create-home \\
		--system \\
		--uid 99 \\
		haproxy`;

/**
 * From 2.4 the image runs as `haproxy` (99:99, Debian and Alpine alike) from the start (`USER haproxy`); the entrypoint
 * only adds `-W -db` (master-worker, foreground) to `haproxy` and `exec "$@"`: no step-down, and no capability, since a
 * non-root process gets none of the container's capabilities. The image has no setcap on haproxy, so
 * NET_BIND_SERVICE would not let it bind ports below 1024 either: the docs start it with
 * `--sysctl net.ipv4.ip_unprivileged_port_start=0` instead (a sysctl, which a profile does not carry).
 *
 * The image ships no haproxy.cfg ("this image does not come with any default configuration"), so the files it writes
 * (a `pidfile`, a `stats socket`, a chroot) are whatever the service's configuration names: none is a fact of the
 * image, and none is listed. In master-worker foreground mode haproxy writes no pid file unless told to.
 *
 * Before 2.4 the image ran as root (the docs: "older versions still default to `root`"), with the same user present.
 */
export default defineProfile({
  id: 'haproxy',
  title: 'HAProxy (Docker official image)',
  role: 'service',
  repositories: ['haproxy'],
  documentation: 'https://hub.docker.com/_/haproxy',
  user: {
    image: { name: 'haproxy', uid: 99, gid: 99, source: at('3.4/Dockerfile', 'USER haproxy') },
    runAs: { user: '99:99', name: 'haproxy', source: at('3.4/Dockerfile', useraddDebian) },
  },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [
    {
      port: 80,
      protocol: 'tcp',
      why: 'HTTP: a reverse proxy and load balancer for public services is there to be reached from other hosts',
      source: {
        repo: UPSTREAM,
        commit: UPSTREAM_COMMIT,
        path: 'examples/basic-config-edge.cfg',
        excerpt: `# This configuration creates a classical reverse-proxy and load balancer for
# public services. It presents ports 80 and 443 (with 80 redirecting to 443),`,
      },
    },
    {
      port: 443,
      protocol: 'tcp',
      why: 'HTTPS (TLS offloaded by haproxy)',
      source: {
        repo: UPSTREAM,
        commit: UPSTREAM_COMMIT,
        path: 'examples/basic-config-edge.cfg',
        excerpt: `bind :80 name clear
	bind :443 name secure ssl crt pub1.pem`,
      },
    },
  ],
  variants: [
    {
      when: { tag: '^(1\\.|2\\.[0-3](\\.|-|$))' },
      note: 'Before 2.4 the image runs as root by default; its haproxy user (99:99) is there for `user:`.',
      user: {
        image: {
          name: 'root',
          uid: 0,
          gid: 0,
          source: docs(
            'the 2.4+ versions of the container will run as `USER haproxy` by default (hence the `--sysctl net.ipv4.ip_unprivileged_port_start=0` above), but older versions still default to `root` for compatibility reasons',
          ),
        },
        runAs: {
          user: '99:99',
          name: 'haproxy',
          source: { repo: REPO, commit: USER_COMMIT, path: '2.3/Dockerfile', excerpt: useraddDebian },
        },
      },
    },
  ],
});
