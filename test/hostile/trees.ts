/**
 * Hostile workspaces for the CLI and the server: each case a folder of one tree, with what Bulkhead must say about it.
 * A file it can read is reported with its findings; one it cannot is reported with a clear skip message.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SUDO = 'FROM debian:12\nRUN sudo true\n';
const PRIVILEGED = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

export interface Expected {
  /** Relative path, `/`-separated. */
  path: string;
  /** A rule it must report, or a pattern its skip message must match. */
  finding?: string;
  skipped?: RegExp;
}

export const DEEP_LEVELS = 200;
export const MANY_FILES = 10_000;
/** Of the many files, how many have a Dockerfile's name. */
export const MANY_DOCKERFILES = 100;

export function deepPath(): string {
  return `${Array.from({ length: DEEP_LEVELS }, () => 'd').join('/')}/Dockerfile`;
}

/** Writes the hostile tree under `root`; answers what must be reported for it. */
export function writeHostileTree(root: string): Expected[] {
  const write = (rel: string, content: string | Uint8Array) => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), content);
  };
  const expected: Expected[] = [];
  // Over the default maxFileSize (1 MiB).
  write('huge/Dockerfile', `FROM debian:12\n${'RUN sudo true\n'.repeat(160_000)}`);
  expected.push({ path: 'huge/Dockerfile', skipped: /over maxFileSize/ });
  // A 5 MB single line: over maxFileSize too (the CLI test also analyses it under a raised limit).
  write('long/Dockerfile', longLine());
  expected.push({ path: 'long/Dockerfile', skipped: /over maxFileSize/ });
  write('binary/Dockerfile', Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256)));
  expected.push({ path: 'binary/Dockerfile', skipped: /binary/ });
  write('utf16le/compose.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PRIVILEGED, 'utf16le')]));
  expected.push({ path: 'utf16le/compose.yaml', finding: 'container/privileged' });
  write(
    'utf16be/compose.yaml',
    Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(PRIVILEGED, 'utf16le').swap16()]),
  );
  expected.push({ path: 'utf16be/compose.yaml', finding: 'container/privileged' });
  write(`deep/${deepPath()}`, SUDO);
  expected.push({ path: `deep/${deepPath()}`, finding: 'image/sudo' });
  write('loop/Dockerfile', SUDO);
  mkdirSync(join(root, 'loop', 'a'), { recursive: true });
  symlinkSync('..', join(root, 'loop', 'a', 'up'));
  symlinkSync('.', join(root, 'loop', 'self'));
  symlinkSync('../loop', join(root, 'loop', 'a', 'again'));
  expected.push({ path: 'loop/Dockerfile', finding: 'image/sudo' });
  // A file gone between the walk and the read: a link whose target is not there is one that is always gone.
  mkdirSync(join(root, 'gone'), { recursive: true });
  symlinkSync('vanished/Dockerfile', join(root, 'gone', 'Dockerfile'));
  for (let i = 0; i < MANY_FILES; i++) {
    const dockerfile = i % (MANY_FILES / MANY_DOCKERFILES) === 0;
    write(`many/${dockerfile ? `Dockerfile.${i}` : `notes-${i}.txt`}`, dockerfile ? SUDO : 'x\n');
    if (dockerfile) expected.push({ path: `many/Dockerfile.${i}`, finding: 'image/sudo' });
  }
  return expected;
}

export function longLine(): string {
  return `FROM debian:12\nRUN sudo echo ${'a'.repeat(5 * 1024 * 1024)}\n`;
}
