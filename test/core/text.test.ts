/**
 * `SourceText` converts offsets and positions itself (shared/src/text.ts) with the arithmetic of
 * vscode-languageserver-textdocument's `TextDocument`, which the editor and the server use for the same documents: the
 * two must agree on every offset and position, clamping included, whatever the order of the lookups (SourceText
 * starts each lookup from the line of the previous one).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SourceText } from '../../shared/src/text';
import { corpusRoot } from '../../scripts/repo-root';
import { mulberry32 } from '../../scripts/bench/stats';

const WRITTEN = [
  '',
  '\n',
  '\r\n',
  '\r',
  'no line break',
  'a\nb\r\nc\rd\n\n\r\r\n',
  '\r\n\r\n\n\r',
  'trailing\r\n',
  'emoji 🐳 and é\r\nsecond 😀😀\nthird',
  '\uFEFFFROM alpine\r\nRUN id\r\n',
];

function corpusTexts(): string[] {
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else texts.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(corpusRoot(), 'real'));
  return texts;
}

function compare(text: string, seed: number): number {
  const ours = new SourceText(text);
  const theirs = TextDocument.create('file:///x', 'plaintext', 0, text);
  assert.equal(ours.lineCount, theirs.lineCount);
  const random = mulberry32(seed);
  let checks = 0;
  // Every offset in order, then random offsets out of order, out of range and fractional-free.
  const offsets = [...Array(text.length + 1).keys()];
  for (let i = 0; i < 200; i++) offsets.push(Math.floor(random() * (text.length + 20)) - 10);
  for (const offset of offsets) {
    assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `positionAt(${offset})`);
    checks++;
  }
  const lines = theirs.lineCount;
  for (let i = 0; i < 300; i++) {
    const position = { line: Math.floor(random() * (lines + 4)) - 2, character: Math.floor(random() * 120) - 5 };
    assert.equal(ours.offsetAt(position), theirs.offsetAt(position), `offsetAt(${JSON.stringify(position)})`);
    checks++;
  }
  for (let line = -1; line <= lines; line++) {
    const expected =
      line < 0 || line >= lines
        ? ''
        : theirs.getText({ start: { line, character: 0 }, end: { line, character: Number.MAX_SAFE_INTEGER } });
    assert.equal(ours.lineText(line), expected, `lineText(${line})`);
  }
  return checks;
}

describe('SourceText agrees with TextDocument', () => {
  it('on texts written for line-break corners', () => {
    WRITTEN.forEach((text, i) => compare(text, i + 1));
  });

  it('on every corpus file, and on each with CRLF and CR line breaks', () => {
    const texts = corpusTexts();
    assert.ok(texts.length > 300, `corpus files read: ${texts.length}`);
    let checks = 0;
    texts.forEach((text, i) => {
      checks += compare(text, i);
      if (i % 10 === 0) {
        checks += compare(text.replace(/\r?\n/g, '\r\n'), i);
        checks += compare(text.replace(/\r?\n/g, '\r'), i);
      }
    });
    assert.ok(checks > 100_000, `conversions compared: ${checks}`);
  });
});
