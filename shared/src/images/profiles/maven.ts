import { defineProfile, type Source } from '../profile';

const REPO = 'carlossg/docker-maven';
const COMMIT = '0170c5bc5c25ffede66d5c2b4be718450ea2a05a';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });

/**
 * Every Linux Dockerfile (generated from Dockerfile-template) ends like this and sets no USER: containers start as
 * root, with Maven's config in /root/.m2. The entrypoint only copies /usr/share/maven/ref into $MAVEN_CONFIG and
 * execs the command: it does not step down. No Dockerfile creates an account; the JDK base images' own OS accounts
 * (Ubuntu's `ubuntu`) are not Maven's. The README's "Running as non-root" needs `-e MAVEN_CONFIG=…` and
 * `-Duser.home=…` on a writable mount besides `-u`, so no bare `user:` is recorded as known to work.
 */
const NO_USER = `ARG USER_HOME_DIR="/root"
ENV MAVEN_CONFIG="$USER_HOME_DIR/.m2"

ENTRYPOINT ["/usr/local/bin/mvn-entrypoint.sh"]
CMD ["mvn"]`;

export default defineProfile({
  id: 'maven',
  title: 'Apache Maven (Docker official image)',
  role: 'base',
  repositories: ['maven'],
  documentation: 'https://hub.docker.com/_/maven',
  user: {
    image: { name: 'root', uid: 0, gid: 0, source: at('eclipse-temurin-21-noble/Dockerfile', NO_USER) },
  },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'alpine' },
      note: 'Alpine variants also run as root and create no account.',
      user: { image: { name: 'root', uid: 0, gid: 0, source: at('eclipse-temurin-21-alpine/Dockerfile', NO_USER) } },
    },
  ],
});
