import { defineProfile, type Source } from '../profile';

const REPO = 'docker-library/buildpack-deps';
const COMMIT = '8330ca1d2319b779c8b7a8aa64bb40dbe568e1e2';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });

/**
 * Each tag is built on the one before (debian:<suite> or ubuntu:<suite> → `-curl` → `-scm` → the full image), and no
 * Dockerfile sets USER, ENTRYPOINT or CMD or creates an account: each only installs packages and ends cleaning apt,
 * so containers start as root. Ubuntu 23.04 and later bases carry Ubuntu's own `ubuntu` account, which is the OS's,
 * not this image's, and is not listed.
 */
const FULL_END = `		zlib1g-dev \\
	; \\
	apt-get dist-clean`;

export default defineProfile({
  id: 'buildpack-deps',
  title: 'buildpack-deps (Docker official image)',
  role: 'base',
  repositories: ['buildpack-deps'],
  documentation: 'https://hub.docker.com/_/buildpack-deps',
  user: {
    image: { name: 'root', uid: 0, gid: 0, source: at('debian/trixie/Dockerfile', FULL_END) },
  },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
  variants: [
    {
      when: { tag: '^(jammy|noble|plucky|questing|resolute)(-|$)' },
      note: 'Ubuntu-based tags also run as root and create no account.',
      user: { image: { name: 'root', uid: 0, gid: 0, source: at('ubuntu/noble/Dockerfile', FULL_END) } },
    },
  ],
});
