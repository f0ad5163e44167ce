import { defineProfile, type Source } from '../profile';

const REPO = 'docker-library/busybox';
const COMMIT = '9c2087811429374737832a4c936fc411c1b4a22b';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });

/** The image configuration (imported as an OCI image) has no "User": containers run as root. */
const NO_USER = `"config": {
		"Cmd": [
			"sh"
		],
		"Env": [
			"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
		]
	},`;
const root = (variant: string) => ({
  name: 'root',
  uid: 0,
  gid: 0,
  source: at(`latest/${variant}/amd64/image-config.json`, NO_USER),
});

export default defineProfile({
  id: 'busybox',
  title: 'BusyBox (Docker official image)',
  role: 'base',
  repositories: ['busybox'],
  documentation: 'https://hub.docker.com/_/busybox',
  user: { image: root('glibc') },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'musl' },
      note: 'The musl variant has the same configuration and buildroot /etc/passwd.',
      user: { image: root('musl') },
    },
    {
      when: { tag: 'uclibc' },
      note: 'The uclibc variant has the same configuration and buildroot /etc/passwd.',
      user: { image: root('uclibc') },
    },
  ],
});
