import { defineProfile, type Source } from '../profile';

const REPO = 'apache/tika-docker';
const COMMIT = '60db76bc7155b2a322175a95f64a1499f3b5cd13';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
const minimal = (excerpt: string): Source => at('minimal/Dockerfile', excerpt);

/**
 * The image runs java (tika-server) directly as 35002:35002, a uid and gid with no /etc/passwd entry (the Dockerfile
 * creates no account; the name below is the uid): no entrypoint script, no capability. The -full tags are built from
 * full/Dockerfile with the same UID_GID and USER.
 *
 * Left out: paths (the Dockerfiles and README name none the server writes; it declares no VOLUME); port 9998 (the
 * REST API, no authentication, reached by the application of the same network) is not listed as public; older tags
 * built before the UID_GID change (TIKA-3912) were not read.
 */
export default defineProfile({
  id: 'apache-tika',
  title: 'Apache Tika server (official image)',
  role: 'service',
  repositories: ['apache/tika'],
  documentation: 'https://github.com/apache/tika-docker',
  user: {
    image: { name: '35002', uid: 35002, gid: 35002, source: minimal('ARG UID_GID="35002:35002"') },
    runAs: {
      user: '35002:35002',
      caveat: 'the image user itself; it has no name in /etc/passwd',
      source:
        minimal(`COPY --from=fetch_tika /tika-server-standard-\${TIKA_VERSION}.jar /tika-server-standard-\${TIKA_VERSION}.jar
USER \$UID_GID`),
    },
  },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'full' },
      note: 'The -full variants (OCR and GDAL tools) are built from full/Dockerfile with the same user.',
      user: {
        image: { name: '35002', uid: 35002, gid: 35002, source: at('full/Dockerfile', 'ARG UID_GID="35002:35002"') },
        runAs: {
          user: '35002:35002',
          caveat: 'the image user itself; it has no name in /etc/passwd',
          source: at('full/Dockerfile', 'USER $UID_GID'),
        },
      },
    },
  ],
});
