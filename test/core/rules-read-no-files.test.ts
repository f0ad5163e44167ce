/**
 * Rules read no files: the model layer reads what the analysis needs beside the file (a service's Dockerfile, the
 * entrypoint script it copies, the files an `ADD` names) before the rules run, through the analysis's reader, so the
 * workspace policy (roots, FIFOs, size and binary limits) is applied in one place.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../shared/src/engine';
import { RULES } from '../../shared/src/rules/index';
import type { FileKind } from '../../shared/src/types';
import { memoryWorkspace } from '../../shared/src/context';

const FILES: Record<string, string> = {
  'app/Dockerfile': 'FROM debian:12\nCOPY entrypoint.sh /usr/local/bin/\nENTRYPOINT ["entrypoint.sh"]\nCMD ["app"]\n',
  'app/entrypoint.sh': '#!/bin/sh\nchown -R app /data\nexec gosu app "$@"\n',
  'web/requirements.txt': 'flask==3.0\n',
  'web/rootfs.bin': 'ELF\u0000\u0001',
  'web/.env': 'TOKEN=1\n',
};

const CASES: { kind: FileKind; path: string; code: string; reads: string[] }[] = [
  {
    kind: 'compose',
    path: 'compose.yaml',
    code: 'services:\n  app:\n    build: ./app\n  web:\n    image: nginx:1.27\n',
    reads: ['app/Dockerfile', 'app/entrypoint.sh'],
  },
  {
    kind: 'dockerfile',
    path: 'web/Dockerfile',
    code: 'FROM python:3.12-slim\nADD requirements.txt /app/\nADD rootfs.bin /\nCOPY . /app/\nCMD ["python"]\n',
    // `list:` a folder listed as the build context (image/context-secret-copied).
    reads: ['web/requirements.txt', 'web/rootfs.bin', 'list:web'],
  },
];

describe('rules read no files', () => {
  for (const { kind, path, code, reads } of CASES) {
    it(`${kind}: the model reads what the rules need, and check and fixes read nothing more`, () => {
      const read: string[] = [];
      const workspace = memoryWorkspace(FILES);
      const parsed = parseFile(kind, code, path, {
        readFile: (p) => (read.push(p), FILES[p]),
        listFolder: (p) => (read.push(`list:${p}`), workspace.listFolder!(p)),
      });
      for (const file of reads) assert.ok(read.includes(file), `the model read ${file}: ${read.join(', ')}`);
      const built = read.length;
      let findings = 0;
      for (const rule of RULES.filter((r) => r.meta.kind === kind)) {
        for (const finding of rule.check(parsed.model)) {
          findings++;
          rule.fixes?.(finding, parsed.model);
        }
      }
      assert.ok(findings > 0, 'the rules found something');
      assert.deepEqual(read.slice(built), [], 'files read by check or fixes');
    });
  }
});
