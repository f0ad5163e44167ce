import { defineProfile, type Source } from '../profile';

const REPO = 'dotnet/dotnet-docker';
const COMMIT = '3ed00b611cc88eaa5995525a0549a5703965cd02';
const at = (path: string, excerpt: string): Source => ({ repo: REPO, commit: COMMIT, path, excerpt });
/** The last commit with the .NET 6 Dockerfiles (the one before "Remove .NET 6 images"). */
const NET6_COMMIT = '36e80c363f5fa5a4f20d004c759c932a4027c89b';
/** The last commit with the .NET 7 Dockerfiles (the one before "Remove support for EOL .NET 7.0"). */
const NET7_COMMIT = '81f0bdf6696413b814beecf63466bb7230253fa1';

/**
 * sdk, aspnet and runtime are built FROM runtime-deps of the same tag, and only runtime-deps creates a user or sets
 * one: its full (non-distroless) Dockerfiles end with the `app` account and no USER, so containers start as root.
 */
const CREATES_APP = `# Create a non-root user and group
RUN groupadd \\
        --gid=$APP_UID \\
        app \\
    && useradd --no-log-init \\
        --uid=$APP_UID \\
        --gid=$APP_UID \\
        --create-home \\
        app`;

const APP_UID: Source = at(
  'src/runtime-deps/10.0/noble/amd64/Dockerfile',
  `# UID of the non-root user 'app'
    APP_UID=1654`,
);

const CHISELED_USER = `# Workaround for https://github.com/moby/moby/issues/38710
COPY --from=chisel --chown=$APP_UID:$APP_UID /rootfs/home/app /home/app

USER $APP_UID`;

export default defineProfile({
  id: 'dotnet',
  title: '.NET (Microsoft container images: sdk, aspnet, runtime, runtime-deps)',
  role: 'base',
  repositories: [
    'mcr.microsoft.com/dotnet/sdk',
    'mcr.microsoft.com/dotnet/aspnet',
    'mcr.microsoft.com/dotnet/runtime',
    'mcr.microsoft.com/dotnet/runtime-deps',
  ],
  documentation: 'https://github.com/dotnet/dotnet-docker',
  user: {
    image: { name: 'root', uid: 0, gid: 0, source: at('src/runtime-deps/10.0/noble/amd64/Dockerfile', CREATES_APP) },
    accounts: [{ name: 'app', uid: 1654, gid: 1654, source: APP_UID }],
  },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
  variants: [
    {
      when: { majorTo: 7 },
      note: '.NET 6 and 7 images (other than distroless and chiseled) create no app user and run as root.',
      user: {
        image: {
          name: 'root',
          uid: 0,
          gid: 0,
          source: {
            repo: REPO,
            commit: NET6_COMMIT,
            path: 'src/runtime-deps/6.0/bookworm-slim/amd64/Dockerfile',
            excerpt: `ENV \\
    # Configure web servers to bind to port 80 when present
    ASPNETCORE_URLS=http://+:80 \\
    # Enable detection of running in a container
    DOTNET_RUNNING_IN_CONTAINER=true`,
          },
        },
        accounts: [],
      },
    },
    {
      when: { tag: 'chiseled|distroless' },
      note: 'Ubuntu chiseled and Azure Linux distroless variants run as the non-root user app (uid and gid 1654).',
      user: {
        image: {
          name: 'app',
          uid: 1654,
          gid: 1654,
          source: at('src/runtime-deps/10.0/noble-chiseled/amd64/Dockerfile', CHISELED_USER),
        },
        accounts: [
          {
            name: 'app',
            uid: 1654,
            gid: 1654,
            source: at(
              'src/runtime-deps/10.0/noble-chiseled/amd64/Dockerfile',
              `RUN groupadd \\
        --gid=1654 \\
        app \\
    && useradd --no-log-init \\
        --uid=1654 \\
        --gid=1654 \\
        --shell /bin/false \\
        app`,
            ),
          },
        ],
      },
    },
    {
      when: { tag: 'chiseled', majorTo: 7 },
      note: '.NET 6 and 7 Ubuntu chiseled variants already ran as app (uid 1654).',
      user: {
        image: {
          name: 'app',
          uid: 1654,
          gid: 1654,
          source: {
            repo: REPO,
            commit: NET6_COMMIT,
            path: 'src/runtime-deps/6.0/jammy-chiseled/amd64/Dockerfile',
            excerpt: CHISELED_USER,
          },
        },
        accounts: [
          {
            name: 'app',
            uid: 1654,
            gid: 1654,
            source: {
              repo: REPO,
              commit: NET6_COMMIT,
              path: 'src/runtime-deps/6.0/jammy-chiseled/amd64/Dockerfile',
              excerpt: `# UID of the non-root user 'app'
    APP_UID=1654`,
            },
          },
        ],
      },
    },
    {
      when: { tag: 'distroless', majorTo: 7 },
      note: '.NET 6 and 7 CBL-Mariner distroless variants run as app with uid and gid 101.',
      user: {
        image: {
          name: 'app',
          uid: 101,
          gid: 101,
          source: {
            repo: REPO,
            commit: NET7_COMMIT,
            path: 'src/runtime-deps/7.0/cbl-mariner2.0-distroless/amd64/Dockerfile',
            excerpt: `COPY --from=installer --chown=101:101 /staging/home/app /home/app

USER app`,
          },
        },
        accounts: [
          {
            name: 'app',
            uid: 101,
            gid: 101,
            source: {
              repo: REPO,
              commit: NET7_COMMIT,
              path: 'src/runtime-deps/7.0/cbl-mariner2.0-distroless/amd64/Dockerfile',
              excerpt: `    && useradd -l \\
        --uid=101 \\
        --gid=101 \\
        --shell /bin/false \\
        --system \\
        app`,
            },
          },
        ],
      },
    },
  ],
});
