import { defineProfile, type Source } from '../profile';

const REPO = 'debuerreotype/docker-debian-artifacts';
/** The dist-amd64 branch: the rootfs and OCI configuration debuerreotype built for each suite. */
const COMMIT = 'f5527c9b022448b28981cf274721d9749d8fc5c4';

/** The OCI image configuration sets Cmd, Entrypoint and Env, no User: containers run as root. */
const root = (path: string) => ({
  name: 'root',
  uid: 0,
  gid: 0,
  source: {
    repo: REPO,
    commit: COMMIT,
    path,
    excerpt:
      '"config":{"Cmd":["bash"],"Entrypoint":[],"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]}',
  } satisfies Source,
});

export default defineProfile({
  id: 'debian',
  title: 'Debian (Docker official image)',
  role: 'base',
  repositories: ['debian'],
  documentation: 'https://hub.docker.com/_/debian',
  user: { image: root('bookworm/oci/blobs/image-config.json') },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'slim' },
      note: 'Slim variants have the same configuration (no User).',
      user: { image: root('bookworm/slim/oci/blobs/image-config.json') },
    },
  ],
});
