import { defineProfile, type Source } from '../profile';

const REPO = 'gotenberg/gotenberg';
const COMMIT = '0b16b0ab34e6016cd8c05ed998bfd56ba422229e';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
const dockerfile = (excerpt: string): Source => at('build/Dockerfile', excerpt);

/**
 * The image runs tini and the gotenberg binary directly as gotenberg (1001:1001, also in group 0 for arbitrary uids):
 * no entrypoint script, no capability. Gotenberg writes only below the system temporary directory (os.TempDir(),
 * /tmp): a working directory per process with the request files, and the Chromium and LibreOffice user profile
 * directories (fs.NewDirPath()); the image declares no VOLUME and keeps no state. The same build/Dockerfile builds the
 * -chromium, -libreoffice, -cloudrun and -aws-lambda tags, all ending with USER gotenberg.
 *
 * Left out: port 3000 (the API) is not listed as public: it is usually called by the application of the same network,
 * and has no authentication unless API_ENABLE_BASIC_AUTH is set.
 */
export default defineProfile({
  id: 'gotenberg',
  title: 'Gotenberg (official image)',
  role: 'service',
  repositories: ['gotenberg/gotenberg'],
  documentation: 'https://gotenberg.dev/docs/getting-started/installation',
  user: {
    image: { name: 'gotenberg', uid: 1001, gid: 1001, source: dockerfile('USER gotenberg\nWORKDIR /home/gotenberg') },
    runAs: {
      user: '1001:1001',
      name: 'gotenberg',
      caveat:
        'another uid works if it is in group 0 (group_add: ["0"]), which owns /home/gotenberg for arbitrary user IDs',
      source: dockerfile(`# Create a non-root user.
# All processes in the Docker container will run with this dedicated user.`),
    },
    accounts: [
      {
        name: 'gotenberg',
        uid: 1001,
        gid: 1001,
        source: dockerfile(`ARG GOTENBERG_USER_GID=1001
ARG GOTENBERG_USER_UID=1001
# Create a non-root user.`),
      },
    ],
  },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [
    {
      path: '/tmp',
      kind: 'runtime',
      why: 'Gotenberg keeps its working directories (uploaded files, conversion results) and the Chromium and LibreOffice user profile directories below the system temporary directory',
      source: at(
        'pkg/gotenberg/fs.go',
        `// WorkingDirPath constructs and returns the full path to the working directory
// inside the system's temporary directory.
func (fs *FileSystem) WorkingDirPath() string {
	return fmt.Sprintf("%s/%s", os.TempDir(), fs.workingDir)`,
      ),
    },
  ],
  publicPorts: [],
});
