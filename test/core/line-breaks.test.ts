/**
 * Files with lone CR line breaks (old Mac files, or one stray CR). LSP and the YAML spec read a lone CR as a line
 * break; dockerfile-ast and the yaml package do not, and threw or misread before. Each file is read as its LF twin
 * (same offsets, same positions), and fixes write the file's own line break.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { analyzeText, type FileReport } from '../../shared/src/engine';
import { forgetLastParses } from '../../shared/src/compose/model';
import { keywordHover } from '../../shared/src/hover/index';
import { SourceText, applyEdits } from '../../shared/src/text';
import type { Diagnostic } from '../../shared/src/types';
import { repoRoot } from '../../scripts/repo-root';

const FIXTURES = join(repoRoot(), 'test', 'fixtures', 'corpus');
const read = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
const COMPOSE = [
  'docker__awesome-compose/nginx-golang-mysql/compose.yaml',
  'docker__awesome-compose/react-express-mysql/compose.yaml',
  'docker__awesome-compose/wordpress-mysql/compose.yaml',
];
const DOCKERFILES = [
  'docker-library__python/3.13/slim-trixie/Dockerfile',
  'nodejs__docker-node/22/alpine3.23/Dockerfile',
  'jupyter__docker-stacks/images/docker-stacks-foundation/Dockerfile',
];

const toCr = (text: string) => text.replace(/\r?\n/g, '\r');
const hasLf = (text: string) => text.includes('\n');

/** What a report says, without the fixes' text: the same for a file and its LF twin. */
function findings(report: FileReport): string[] {
  return report.diagnostics.map(
    (d) =>
      `${d.ruleId} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`,
  );
}

function ofRule(report: FileReport, ruleId: string): Diagnostic[] {
  return report.diagnostics.filter((d) => d.ruleId === ruleId);
}

const LONE_CR_SYNTAX = /Docker splits lines at `LF` only/;

describe('a Dockerfile with lone CR line breaks', () => {
  it('keeps its findings when a lone CR follows an escape (dockerfile-ast threw there)', () => {
    const text = 'FROM alpine:3.20\nRUN echo \\\r#t\nUSER root\n';
    const report = analyzeText('Dockerfile', text, 'dockerfile');
    assert.deepEqual(ofRule(report, 'internal-error'), []);
    assert.equal(ofRule(report, 'image/root-user').length, 1);
    // Read as the editor shows it: the RUN continues over the comment line into `USER root`.
    const twin = analyzeText('Dockerfile', text.replace('\r', '\n'), 'dockerfile');
    assert.deepEqual(
      findings(report).filter((f) => !LONE_CR_SYNTAX.test(f)),
      findings(twin),
    );
  });

  it('says that Docker reads a lone CR differently, on its line', () => {
    const report = analyzeText('Dockerfile', 'FROM alpine:3.20\nRUN echo \\\r#t\nUSER root\n', 'dockerfile');
    const syntax = ofRule(report, 'syntax');
    assert.equal(syntax.length, 1);
    assert.match(syntax[0].message, LONE_CR_SYNTAX);
    assert.deepEqual(syntax[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } });
    assert.deepEqual(
      ofRule(analyzeText('Dockerfile', 'FROM alpine:3.20\r\nUSER root\r\n', 'dockerfile'), 'syntax'),
      [],
      'CRLF is a line break to Docker',
    );
  });

  it('applies the root-user fix with CR line breaks and keeps every lone CR', () => {
    const text = 'FROM alpine:3.20\rRUN echo \\\r#t\rUSER root\r';
    const report = analyzeText('Dockerfile', text, 'dockerfile');
    const [rootUser] = ofRule(report, 'image/root-user');
    assert.ok(rootUser, findings(report).join('\n'));
    assert.ok(rootUser.fixes.length > 0, 'no root-user fix offered');
    for (const fix of rootUser.fixes) {
      assert.ok(
        !fix.edits.some((e) => hasLf(e.newText)),
        `${fix.title} writes LF into a CR file: ${JSON.stringify(fix.edits)}`,
      );
      const output = applyEdits(text, fix.edits);
      assert.ok(!hasLf(output), fix.title);
      assert.ok(output.includes('RUN echo \\\r#t\r'), `${fix.title} changed the lone CRs: ${JSON.stringify(output)}`);
      assert.deepEqual(
        ofRule(analyzeText('Dockerfile', output, 'dockerfile'), 'image/root-user'),
        [],
        `${fix.title}: ${JSON.stringify(output)}`,
      );
    }
  });

  for (const path of DOCKERFILES) {
    it(`reads a CR-only copy of ${path} as the file itself, fixes included`, () => {
      const text = read(path);
      const cr = toCr(text);
      const report = analyzeText(path, cr, 'dockerfile');
      const twin = analyzeText(path, text, 'dockerfile');
      assert.deepEqual(
        findings(report).filter((f) => !LONE_CR_SYNTAX.test(f)),
        findings(twin),
      );
      assert.equal(ofRule(report, 'syntax').filter((d) => LONE_CR_SYNTAX.test(d.message)).length, 1);
      const fixes = report.diagnostics.flatMap((d) => d.fixes);
      assert.deepEqual(
        fixes.map((f) => f.edits.map((e) => ({ ...e, newText: e.newText.replace(/\r/g, '\n') }))),
        twin.diagnostics.flatMap((d) => d.fixes).map((f) => f.edits),
        'the same edits, with CR for LF',
      );
      for (const fix of fixes)
        assert.ok(!fix.edits.some((e) => hasLf(e.newText)), `${fix.title} writes LF into a CR file`);
    });
  }
});

describe('a compose file with lone CR line breaks', () => {
  it('reports `privileged: true` (the YAML was misread before)', () => {
    const text = 'services:\r  web:\r    image: nginx:1.27\r    privileged: true\r';
    const report = analyzeText('compose.yaml', text, 'compose');
    assert.deepEqual(ofRule(report, 'syntax'), []);
    const [privileged] = ofRule(report, 'container/privileged');
    assert.ok(privileged, findings(report).join('\n'));
    assert.deepEqual(privileged.range.start, { line: 3, character: 4 });
  });

  it('reads CRLF and lone CRs mixed as the LF file', () => {
    const text = 'services:\r\n  web:\r    image: nginx:1.27\r\n    privileged: true\r    ports: ["80:80"]\r\n';
    assert.deepEqual(
      findings(analyzeText('compose.yaml', text, 'compose')),
      findings(analyzeText('compose.yaml', text.replace(/\r\n?/g, '\n'), 'compose')),
    );
  });

  it('hovers over a key of a CR file', () => {
    const text = 'services:\r  web:\r    image: nginx:1.27\r    privileged: true\r';
    const hover = keywordHover('compose', text, { line: 3, character: 6 });
    assert.ok(hover, 'no hover over `privileged`');
    assert.match(hover.markdown, /privileged/);
    assert.equal(hover.range.start.line, 3);
  });

  it('re-parses an edited CR file as a fresh parse does (the kept parse reads the same text)', () => {
    forgetLastParses();
    const before = 'services:\r  web:\r    image: nginx:1.27\r  db:\r    image: postgres:16\r';
    const after = before.replace('nginx:1.27\r', 'nginx:1.27\r    privileged: true\r');
    analyzeText('cr-reparse.yaml', before, 'compose', { keepParse: true });
    const kept = analyzeText('cr-reparse.yaml', after, 'compose', { keepParse: true });
    forgetLastParses();
    assert.deepEqual(findings(kept), findings(analyzeText('cr-reparse.yaml', after, 'compose')));
    assert.equal(ofRule(kept, 'container/privileged').length, 1);
  });

  for (const path of COMPOSE) {
    it(`every fix on a CR-only copy of ${path} keeps the services, removes its finding and writes CR only`, () => {
      const text = read(path);
      const cr = toCr(text);
      const report = analyzeText(path, cr, 'compose');
      const twin = analyzeText(path, text, 'compose');
      assert.deepEqual(findings(report), findings(twin));
      const services = serviceNames(text);
      let checked = 0;
      for (const d of report.diagnostics) {
        for (const fix of d.fixes) {
          const where = `${d.ruleId} "${fix.title}" (line ${d.range.start.line + 1})`;
          assert.ok(
            !fix.edits.some((e) => hasLf(e.newText)),
            `${where} writes LF into a CR file: ${JSON.stringify(fix.edits)}`,
          );
          const output = applyEdits(cr, fix.edits);
          assert.ok(!hasLf(output), where);
          // A YAML 1.2 reader (Compose's) takes a lone CR as a line break; the yaml package needs LF to read it so.
          const yaml = parseDocument(output.replace(/\r/g, '\n'), { uniqueKeys: true, prettyErrors: false });
          assert.deepEqual(
            yaml.errors.map((e) => e.message),
            [],
            where,
          );
          assert.deepEqual(serviceNames(output), services, where);
          const fixed = analyzeText(path, output, 'compose');
          const same = (x: Diagnostic) => x.ruleId === d.ruleId && x.message === d.message;
          assert.ok(
            fixed.diagnostics.filter(same).length < report.diagnostics.filter(same).length,
            `${where} leaves its finding`,
          );
          checked++;
        }
      }
      assert.ok(checked > 0, 'no fix offered');
    });
  }
});

describe('SourceText line breaks', () => {
  it('names the line break a file uses, a lone CR included', () => {
    const eol = (text: string) => new SourceText(text).eol;
    assert.deepEqual(['a\nb\n', 'a\r\nb\n', 'a\rb\r', 'a\rb\n', ''].map(eol), ['\n', '\r\n', '\r', '\n', '\n']);
  });

  it('writes inserted lines with that line break', () => {
    assert.equal(new SourceText('a\rb\r').withLineBreaks('x\ny\r\n'), 'x\ry\r');
    assert.equal(new SourceText('a\r\nb').withLineBreaks('x\ny\r'), 'x\r\ny\r\n');
    assert.equal(new SourceText('a\nb').withLineBreaks('x\ny'), 'x\ny');
  });
});

function serviceNames(text: string): string[] {
  const doc = parseDocument(text.replace(/\r\n?/g, '\n'));
  const services = doc.get('services') as { items?: { key: { value: unknown } }[] } | undefined;
  return (services?.items ?? []).map((pair) => String(pair.key.value));
}
