import { defineProfile, type Source } from '../profile';

/** Canonical's documentation of the image configuration: no entrypoint, bash as command, labels; no user. */
const IMAGE_CONFIG: Source = {
  repo: 'canonical/ubuntu-cloud-docs',
  commit: '9a500e640037b2a6c607f25f3fdf27f137951610',
  path: 'docs/oci/oci-reference/oci-image-configuration.rst',
  excerpt: `The Ubuntu container images are built and published with the following
configurations:

- no default \`OCI entrypoint <https://github.com/opencontainers/image-spec/blob/b30f6ed04f94cd13f95b103f3533612a53cb3062/config.md?plain=1#L157>\`_,
- \`\`bash\`\` is the default OCI command,
- OCI labels to identify the image name (i.e. \`\`ubuntu\`\`) and its release.`,
};
const ROOT = { name: 'root', uid: 0, gid: 0, source: IMAGE_CONFIG };

/**
 * livecd-rootfs builds the rootfs of the ubuntu-oci project; its configure_oci creates ubuntu with uid 1000 and a
 * same-named group (`-U`, gid 1000), since livecd-rootfs 2.792 (lunar, 23.04). Cited from a git copy of livecd-rootfs
 * 24.04.56 (noble); its jammy branch (22.04) has no such line.
 */
const UBUNTU = {
  name: 'ubuntu',
  uid: 1000,
  gid: 1000,
  source: {
    repo: 'Joshua-Riek/livecd-rootfs',
    commit: '6efb5e07b68cfc41a9c4268c81683d02752e6a3f',
    path: 'live-build/functions',
    excerpt: `    # Create Ubuntu user
    Chroot \${chroot} useradd ubuntu -U -u 1000 --comment Ubuntu --groups adm,audio,cdrom,dialout,dip,floppy,plugdev,sudo,video --shell /bin/bash -m`,
  } satisfies Source,
};

export default defineProfile({
  id: 'ubuntu',
  title: 'Ubuntu (Docker official image)',
  role: 'base',
  /** Canonical publishes the same image to Amazon ECR and Microsoft ACR (docs/oci/oci-how-to/getting-started.rst). */
  repositories: ['ubuntu', 'public.ecr.aws/ubuntu/ubuntu', 'ubuntu.azurecr.io/ubuntu'],
  documentation: 'https://hub.docker.com/_/ubuntu',
  user: { image: ROOT, accounts: [UBUNTU] },
  capabilities: { asImageUser: [], asRunAsUser: [] },
  paths: [],
  publicPorts: [],
  variants: [
    {
      when: {
        tag: '^(1\\d|2[0-2])\\.|^(precise|trusty|xenial|bionic|cosmic|disco|eoan|focal|groovy|hirsute|impish|jammy|kinetic)(-|$)',
      },
      note: 'Releases before 23.04 (lunar) have no ubuntu account.',
      user: { image: ROOT },
    },
  ],
});
