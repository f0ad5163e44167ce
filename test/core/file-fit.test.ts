/**
 * The size and binary test (shared/src/file-fit.ts) is one function, and each text goes through it once: the reader
 * of a file on disk applies it, and the engine trusts a caller that says so (`fitChecked`) instead of testing again.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeText } from '../../shared/src/engine';
import { defaultConfig } from '../../shared/src/config';
import { skipReason, textSkipReason } from '../../shared/src/file-fit';
import { readFileWithin, readRoots } from '../../shared/src/io/read-file';

const BINARY = 'FROM alpine:3.20\n\u0000\u0001USER root\n';
const folder = mkdtempSync(join(tmpdir(), 'bulkhead-fit-'));
after(() => rmSync(folder, { recursive: true, force: true }));

describe('file fit', () => {
  it('the reader and the engine word a binary file alike, from the one test', () => {
    writeFileSync(join(folder, 'Dockerfile'), BINARY);
    const read = readFileWithin(join(folder, 'Dockerfile'), { roots: readRoots([folder]), maxFileSize: 1024 });
    assert.equal(read.notRead, 'binary file (contains NUL bytes)');
    assert.equal(analyzeText('Dockerfile', BINARY, 'dockerfile').skipped, read.notRead);
    assert.equal(textSkipReason(BINARY, defaultConfig()), read.notRead);
  });

  it('counts UTF-8 bytes against maxFileSize, as files on disk are measured', () => {
    const text = 'FROM alpine\n# ' + 'é'.repeat(10) + '\n';
    const bytes = Buffer.byteLength(text, 'utf8');
    assert.equal(textSkipReason(text, { maxFileSize: bytes }), null);
    assert.equal(textSkipReason(text, { maxFileSize: bytes - 1 }), skipReason(text, bytes, { maxFileSize: bytes - 1 }));
  });

  it('the engine does not test again a text its caller tested', () => {
    const config = { ...defaultConfig(), maxFileSize: 20 };
    const text = 'FROM alpine:3.20\nUSER root\n';
    assert.match(analyzeText('Dockerfile', text, 'dockerfile', { config }).skipped ?? '', /over maxFileSize/);
    const trusted = analyzeText('Dockerfile', text, 'dockerfile', { config, fitChecked: true });
    assert.equal(trusted.skipped, null);
    assert.ok(trusted.diagnostics.some((d) => d.ruleId === 'image/root-user'));
  });
});
