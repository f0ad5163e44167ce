/**
 * Compose analysis grows with the file, not with its square: a file of 32,000 services took 47 s when fixes looked
 * their service up by name and literal-secret scanned every service per finding, and the YAML parse compared each key
 * with every key before it. Work is counted where it can be (reads of the services list), and timed only as a ratio
 * of n and 4n services in the same process.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { analyzeText, registerParser } from '../../shared/src/engine';
import { defaultConfig } from '../../shared/src/config';
import { parseComposeProject } from '../../shared/src/compose/project';
import { parseComposeDocument, YAML_OPTIONS } from '../../shared/src/compose/reparse';
import type { ComposeService } from '../../shared/src/compose/model';
import { readSuppressions } from '../../shared/src/suppress';
import { readCorpus } from '../corpus-files';

/**
 * n services, each with findings of most compose rules (and their fixes): no limits, privileged, ports, a password
 * repeated in a URL and a healthcheck, and an anchor name that every service defines again. Each password is its own:
 * the fix of one edits all its copies, so a password shared by every service makes fixes quadratic in size, however
 * they are found.
 */
function composeOf(n: number): string {
  let out = 'services:\n';
  for (let i = 0; i < n; i++) {
    out += `  svc${i}:\n    image: nginx:1.${i % 30}\n    privileged: ${i % 3 === 0}\n    ports:\n      - "${8000 + (i % 1000)}:80"\n`;
    out += `    environment:\n      DB_PASSWORD: hunter${i}\n      DATABASE_URL: postgres://app:hunter${i}@db/app\n`;
    out += `    healthcheck:\n      test: ["CMD", "pg_isready", "-p", "hunter${i}"]\n`;
    // One anchor name defined again by every service, and used by it.
    out += `    labels: &labels {tier: web${i}}\n    x-labels: *labels\n`;
    if (i % 4 === 0) out += `    depends_on:\n      - svc${Math.max(0, i - 1)}\n`;
  }
  return out;
}

/** The engine's compose parser, with the model's services list counting every read of one of its services. */
function useComposeParser(count?: { reads: number }): void {
  registerParser('compose', (text, path, context, options) => {
    const model = parseComposeProject(text, path, context, options);
    if (count) {
      model.services = new Proxy(model.services, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) count.reads++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      }) as ComposeService[];
    }
    return {
      model,
      source: model.source,
      syntax: model.syntaxProblems,
      notChecked: model.notChecked,
      suppressions: readSuppressions(model.source),
    };
  });
}

describe('compose analysis at scale', () => {
  after(() => useComposeParser());

  it('reads each service a bounded number of times, fixes included: n and 4n services', (t) => {
    const reads = (n: number) => {
      const count = { reads: 0 };
      useComposeParser(count);
      const report = analyzeText('compose.yaml', composeOf(n), 'compose');
      assert.equal(report.skipped, null);
      assert.ok(report.diagnostics.filter((d) => d.fixes.length > 0).length >= n, 'the findings have fixes');
      return count.reads;
    };
    const small = reads(150);
    const large = reads(600);
    t.diagnostic(`services read ${small} times for 150 services, ${large} for 600`);
    assert.ok(
      large <= 4.5 * small,
      `services read ${small} times for 150 services, ${large} for 600 (${(large / small).toFixed(1)}×)`,
    );
  });

  it(
    'analyses 4n services in less than 8 times the time of n (best of 5, interleaved, after a warm-up)',
    { timeout: 180_000 },
    (t) => {
      useComposeParser();
      const small = composeOf(1000);
      const large = composeOf(4000);
      // The larger file is over the default maxFileSize.
      const config = { ...defaultConfig(), maxFileSize: 100_000_000 };
      const time = (text: string) => {
        const started = performance.now();
        const report = analyzeText('compose.yaml', text, 'compose', { config });
        const elapsed = performance.now() - started;
        assert.equal(report.skipped, null);
        return elapsed;
      };
      time(small);
      // Runs of both sizes alternate, so a busy machine slows both alike.
      let n = Infinity;
      let fourN = Infinity;
      for (let run = 0; run < 5; run++) {
        n = Math.min(n, time(small));
        fourN = Math.min(fourN, time(large));
      }
      t.diagnostic(`1,000 services: ${n.toFixed(0)} ms, 4,000: ${fourN.toFixed(0)} ms`);
      assert.ok(
        fourN < 8 * n,
        `1,000 services: ${n.toFixed(0)} ms, 4,000: ${fourN.toFixed(0)} ms (${(fourN / n).toFixed(1)}×)`,
      );
    },
  );
});

describe('duplicate keys found in linear time', () => {
  type Errors = { errors: { code: string; message: string; pos: [number, number] }[] };
  const others = (doc: Errors) =>
    doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY').map((e) => `${e.code} ${e.pos.join('-')} ${e.message}`);
  const duplicates = (doc: Errors) => doc.errors.filter((e) => e.code === 'DUPLICATE_KEY');
  /**
   * The same errors as the yaml package's own check; a duplicate is placed on its key, where the package may place it
   * earlier, at the end of the line before (after an empty value), so the message could not name the key.
   */
  function assertSameAsPackage(text: string, what: string): void {
    const ours = parseComposeDocument(text);
    const theirs = parseDocument(text, YAML_OPTIONS);
    assert.deepEqual(others(ours), others(theirs), what);
    const [mine, package_] = [duplicates(ours), duplicates(theirs)];
    assert.equal(mine.length, package_.length, what);
    mine.forEach((error, i) => {
      assert.equal(error.message, package_[i].message, what);
      assert.ok(
        package_[i].pos[0] <= error.pos[0],
        `${what}: at ${error.pos[0]}, the package at ${package_[i].pos[0]}`,
      );
      assert.match(text.slice(error.pos[0]), /^[^\s:#,]/, `${what}: not on a key (${error.pos[0]})`);
    });
  }
  const cases = [
    'a: 1\na: 2\n',
    'services:\n  web:\n    image: x\n  web:\n    image: y\n  db: {image: z, image: w}\n',
    'x: {a: 1, a: 2, b: 3}\n"a": 1\na: 2\n1: x\n"1": y\n1: z\n',
    'base: &b {p: 1}\nm:\n  <<: *b\n  <<: *b\n  q: 2\n',
    '? a\n: 1\n? a\n: 2\n&x k: 1\nk: 2\n!!str t: 1\nt: 2\n',
    '.nan: 1\n.nan: 2\nnull: 1\n~: 2\ntrue: 1\nTrue: 2\n',
    'a: 1\na: [unclosed\nb: 2\nb: 3\n',
    'a:\n  - {k: 1, k: 2}\n  - k: 1\n    k: 2\n',
    's:\n  a:\n    v:\n  a: 1\n',
  ];
  for (const text of cases) {
    it(`reports what the yaml package's own check does: ${JSON.stringify(text.slice(0, 40))}`, () =>
      assertSameAsPackage(text, text));
  }

  it('reports what the yaml package does over every corpus compose file, and with their services doubled', () => {
    const files = readCorpus();
    for (const file of files) {
      const doubled = file.text.replace(/^(services:\n)((?: .*\n|\n)+)/m, '$1$2$2');
      assertSameAsPackage(file.text, file.name);
      assertSameAsPackage(doubled, `${file.name}, doubled`);
    }
  });
});
