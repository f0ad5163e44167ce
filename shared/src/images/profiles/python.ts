import { defineProfile, type Source } from '../profile';

const REPO = 'docker-library/python';
const COMMIT = '4f07059567fa61c80397126e8063dbbde011b794';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });

/** The Dockerfiles end with CMD and set no USER (nor create an account): containers run as root. */
const NO_USER = `		ln -svT "$src" "/usr/local/bin/$dst"; \\
	done

CMD ["python3"]`;
const root = (path: string) => ({ name: 'root', uid: 0, gid: 0, source: at(path, NO_USER) });

export default defineProfile({
  id: 'python',
  title: 'Python (Docker official image)',
  role: 'base',
  repositories: ['python'],
  documentation: 'https://hub.docker.com/_/python',
  user: { image: root('3.14/trixie/Dockerfile') },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'slim' },
      note: 'Slim variants are built on debian:*-slim; they too set no USER and create no account.',
      user: { image: root('3.14/slim-trixie/Dockerfile') },
    },
    {
      when: { tag: 'alpine' },
      note: 'Alpine variants are built on alpine; they too set no USER and create no account.',
      user: { image: root('3.14/alpine3.24/Dockerfile') },
    },
  ],
});
