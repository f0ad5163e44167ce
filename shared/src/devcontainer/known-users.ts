/**
 * The non-root user of the dev container images the Dev Containers project publishes (`mcr.microsoft.com/
 * devcontainers/<name>`): each image's own devcontainer.json creates it (common-utils `username`) and sets it as
 * `remoteUser`. Source: devcontainers/images at commit bed3eb260c3c0d78a95ba6a5c27af3601a44b3c8 (2026-07-01),
 * `src/<name>/.devcontainer/devcontainer.json`: `node` for javascript-node and typescript-node, `codespace` for
 * universal, `vscode` for the others (anaconda, base-alpine, base-debian, base-ubuntu, cpp, dotnet, go, java, java-8,
 * jekyll, miniconda, php, python, ruby, rust).
 */
import type { ImageRef } from '../dockerfile/image-ref';

const REGISTRY = 'mcr.microsoft.com';
const PATH = 'devcontainers/';

const USERS: Record<string, string> = {
  'javascript-node': 'node',
  'typescript-node': 'node',
  universal: 'codespace',
};

const VSCODE_USER_IMAGES = new Set([
  'anaconda',
  'base',
  'cpp',
  'dotnet',
  'go',
  'java',
  'jekyll',
  'miniconda',
  'php',
  'python',
  'ruby',
  'rust',
]);

/** The image's remote user, with where it is written; undefined for an image of another publisher. */
export function devcontainerImageUser(ref: ImageRef | undefined): { user: string; source: string } | undefined {
  const path = ref?.path.toLowerCase();
  if (ref?.registry?.toLowerCase() !== REGISTRY || !path?.startsWith(PATH)) return undefined;
  // `base:ubuntu`, `java:8`: the variants are tags of one image.
  const image = path.slice(PATH.length);
  const user = USERS[image] ?? (VSCODE_USER_IMAGES.has(image) ? 'vscode' : undefined);
  return user
    ? { user, source: `\`${REGISTRY}/${PATH}${image}\` creates it, devcontainers/images@bed3eb2` }
    : undefined;
}
