import { defineProfile, type Source } from '../profile';

const REPO = 'rust-lang/docker-rust';
const COMMIT = '7668ee290612ac3ac42dbfcbdfae75120263d2c9';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });

/**
 * The Dockerfiles (stable for `rust`, nightly for `rustlang/rust`) set no USER, ENTRYPOINT or CMD and create no
 * account: they end with the rustup install, which leaves $RUSTUP_HOME and $CARGO_HOME writable by every user, so
 * containers start as root (their bases, buildpack-deps, debian:*-slim and alpine, set no USER either).
 */
const NO_USER = `chmod -R a+w $RUSTUP_HOME $CARGO_HOME; \\
    \\
    rustup --version; \\
    cargo --version; \\
    rustc --version;`;

export default defineProfile({
  id: 'rust',
  title: 'Rust (Docker official image)',
  role: 'base',
  repositories: ['rust', 'rustlang/rust'],
  documentation: 'https://hub.docker.com/_/rust',
  user: {
    image: { name: 'root', uid: 0, gid: 0, source: at('stable/trixie/Dockerfile', NO_USER) },
  },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
  variants: [
    {
      when: { tag: 'alpine' },
      note: 'Alpine variants also run as root and create no account.',
      user: { image: { name: 'root', uid: 0, gid: 0, source: at('stable/alpine3.23/Dockerfile', NO_USER) } },
    },
    {
      when: { tag: 'slim' },
      note: 'Slim variants also run as root and create no account.',
      user: {
        image: {
          name: 'root',
          uid: 0,
          gid: 0,
          source: at(
            'stable/trixie/slim/Dockerfile',
            `    rm -rf /var/lib/apt/lists/*; \\
    \\
    rustup --version; \\
    cargo --version; \\
    rustc --version;`,
          ),
        },
      },
    },
  ],
});
