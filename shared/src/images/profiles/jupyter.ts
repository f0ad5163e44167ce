import { defineProfile, type Source } from '../profile';

const REPO = 'jupyter/docker-stacks';
const COMMIT = '8209386950497966c8a9aa446b9a84a5dd78eab5';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
const FOUNDATION = 'images/docker-stacks-foundation/Dockerfile';

/**
 * Every image of the stacks is built FROM docker-stacks-foundation (base-notebook, then minimal-notebook, then the
 * others), and every Dockerfile that switches to root switches back: the last USER is `${NB_UID}` (jovyan, 1000), in
 * the `users` group (gid 100).
 *
 * Role `base`: the stacks are interactive environments. `start.sh` is the entrypoint and runs whatever command it is
 * given (`start-notebook.py` by default, `ipython` or anything else on demand), and what the container writes (home,
 * /opt/conda, where notebooks put their files) is the user's doing, so no capability or path list is a fact of the
 * image. When started as root (`--user root`), start.sh adjusts jovyan (NB_USER, NB_UID, NB_GID, CHOWN_HOME,
 * GRANT_SUDO) and runs the command as NB_USER with sudo; it does not by default, as the image does not start as root.
 */
const NB_IDS = `ARG NB_USER="jovyan"
ARG NB_UID="1000"
ARG NB_GID="100"`;

const STACKS = [
  'docker-stacks-foundation',
  'base-notebook',
  'minimal-notebook',
  'scipy-notebook',
  'datascience-notebook',
  'r-notebook',
  'pyspark-notebook',
  'all-spark-notebook',
  'tensorflow-notebook',
  'pytorch-notebook',
];

export default defineProfile({
  id: 'jupyter',
  title: 'Jupyter Docker Stacks (base-notebook and the images built on it)',
  role: 'base',
  repositories: [
    ...STACKS.flatMap((name) => [`quay.io/jupyter/${name}`, `jupyter/${name}`]),
    'quay.io/jupyter/julia-notebook',
  ],
  documentation: 'https://jupyter-docker-stacks.readthedocs.io/',
  user: {
    image: {
      name: 'jovyan',
      uid: 1000,
      gid: 100,
      source: at(
        FOUNDATION,
        `# Switch back to jovyan to avoid accidental container runs as root
USER \${NB_UID}`,
      ),
    },
    runAs: {
      user: '1000:100',
      name: 'jovyan',
      caveat:
        'another uid works when it is in the users group (gid 100), which owns the home directory and /opt/conda: `--user 5000 --group-add users`',
      source: at(
        'docs/using/common.md',
        '- `--user 5000 --group-add users` - Launches the container with a specific user ID and adds that user to the `users` group so that it can modify files in the default home directory and `/opt/conda`.',
      ),
    },
    accounts: [{ name: 'jovyan', uid: 1000, gid: 100, source: at(FOUNDATION, NB_IDS) }],
  },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
});
