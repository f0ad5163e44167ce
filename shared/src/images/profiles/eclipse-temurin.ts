import { defineProfile, type Source } from '../profile';

const REPO = 'adoptium/containers';
const COMMIT = 'd8d18d67a32e2cbc765de68c30ea0998009df325';

/**
 * The Dockerfiles end with the CA-certificates entrypoint and set no USER: containers run as root. The entrypoint
 * imports certificates when run as root and execs the command as is (no step-down).
 */
const root = (path: string) => ({
  name: 'root',
  uid: 0,
  gid: 0,
  source: {
    repo: REPO,
    commit: COMMIT,
    path,
    excerpt: `COPY --chmod=755 entrypoint.sh /__cacert_entrypoint.sh
ENTRYPOINT ["/__cacert_entrypoint.sh"]`,
  } satisfies Source,
});

export default defineProfile({
  id: 'eclipse-temurin',
  title: 'Eclipse Temurin (Docker official image)',
  role: 'base',
  repositories: ['eclipse-temurin'],
  documentation: 'https://hub.docker.com/_/eclipse-temurin',
  user: { image: root('25/jdk/ubuntu/resolute/Dockerfile') },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'alpine' },
      note: 'Alpine variants are built on alpine; they too set no USER and create no account.',
      user: { image: root('25/jdk/alpine/3.24/Dockerfile') },
    },
    {
      when: { tag: 'ubi' },
      note: 'UBI variants are built on redhat/ubi*-minimal; they too set no USER and create no account.',
      user: { image: root('25/jdk/ubi/ubi10-minimal/Dockerfile') },
    },
  ],
});
