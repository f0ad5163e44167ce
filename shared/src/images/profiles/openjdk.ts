import { defineProfile, type Source } from '../profile';

const REPO = 'docker-library/openjdk';
const COMMIT = 'da2d75fdafc1da23b6c86e3bea2c2f63aacc9170';

/** The Dockerfiles end with CMD and set no USER (nor create an account): containers run as root. */
const root = (path: string) => ({
  name: 'root',
  uid: 0,
  gid: 0,
  source: {
    repo: REPO,
    commit: COMMIT,
    path,
    excerpt: `	javac --version; \\
	java --version

# "jshell" is an interactive REPL for Java (see https://en.wikipedia.org/wiki/JShell)
CMD ["jshell"]`,
  } satisfies Source,
});

export default defineProfile({
  id: 'openjdk',
  title: 'OpenJDK (Docker official image, early-access builds)',
  role: 'base',
  repositories: ['openjdk'],
  documentation: 'https://hub.docker.com/_/openjdk',
  user: { image: root('28/trixie/Dockerfile') },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'slim' },
      note: 'Slim variants are built on debian:*-slim; they too set no USER and create no account.',
      user: { image: root('28/slim-trixie/Dockerfile') },
    },
    {
      when: { tag: 'oracle' },
      note: 'Oracle Linux variants are built on oraclelinux:*-slim; they too set no USER and create no account.',
      user: { image: root('28/oraclelinux10/Dockerfile') },
    },
  ],
});
