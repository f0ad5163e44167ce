/**
 * shared/src/compose/reparse.ts re-parses only the Compose entry an edit touched, and must give the document a full
 * parse gives, or nothing. Every corpus Compose file is edited at seeded random places (characters typed, deleted,
 * replaced; lines broken and joined; YAML punctuation), one edit at a time and in chains where each re-parse is the
 * next one's previous parse, as typing goes. Each re-parsed document is compared with the full parse of the same
 * text, node by node: every own property (values, ranges, comments, blank lines, styles, tags, anchors), errors and
 * warnings. Then whole analyses with and without kept parses are compared.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Document } from 'yaml';
import { parseComposeDocument, reparseEntry } from '../../shared/src/compose/reparse';
import { forgetLastParses } from '../../shared/src/compose/model';
import { analyzeText } from '../../shared/src/engine';
import { loadCorpus } from '../../scripts/bench/corpus';
import { editorCompose } from '../../scripts/bench/editor-files';
import { mulberry32, type Random } from '../../scripts/bench/stats';

const COMPOSE = loadCorpus().filter((file) => file.kind === 'compose');

/** Everything a node carries, as plain data (the schema and options objects are the parser's, not the text's). */
function describeYaml(value: unknown): unknown {
  // A `<<` merge key's value is a symbol made at each parse: the same key has a new one in every document.
  if (typeof value === 'symbol') return { symbol: value.description };
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(describeYaml);
  if (value instanceof Error)
    return { error: value.name, message: value.message, ...(value as unknown as Record<string, unknown>) };
  const out: Record<string, unknown> = { is: value.constructor?.name };
  for (const [key, child] of Object.entries(value)) {
    if (key === 'schema' || key === 'options' || key === 'directives') continue;
    out[key] = describeYaml(child);
  }
  return out;
}

const TYPED = [
  'a',
  'Z',
  '0',
  ' ',
  '  ',
  '-',
  '- ',
  ':',
  ': ',
  '#',
  ' #x',
  "'",
  '"',
  '{',
  '}',
  '[',
  ']',
  ',',
  '\n',
  '\n    ',
  '\n  x: 1',
  '|',
  '>',
  '!',
  '?',
  '&a',
  '*a',
  '\t',
  '${X}',
  '~',
  '...',
  '---',
  '+',
  '|+',
  '|2',
  '>-',
];

/** One edit at a seeded place (a third of them at a line's start or in its indentation): text typed, deleted, or replaced. */
function edit(text: string, random: Random): string {
  let at = Math.floor(random() * (text.length + 1));
  if (random() < 0.3) {
    const lineEnd = text.indexOf('\n', at);
    if (lineEnd >= 0) {
      at = lineEnd + 1;
      while (text[at] === ' ' && random() < 0.8) at++;
    }
  }
  const roll = random();
  if (roll < 0.5) return text.slice(0, at) + TYPED[Math.floor(random() * TYPED.length)] + text.slice(at);
  if (roll < 0.8) return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
  return text.slice(0, at) + TYPED[Math.floor(random() * TYPED.length)] + text.slice(at + 1);
}

/** Mostly what typing does (a letter or a digit inside a line, a backspace), sometimes any edit. */
function typed(text: string, random: Random): string {
  if (random() < 0.03) return edit(text, random);
  const at = 1 + Math.floor(random() * (text.length - 1));
  if (text[at - 1] === '\n') return text;
  return random() < 0.7
    ? text.slice(0, at) + 'abcxyz019'[Math.floor(random() * 9)] + text.slice(at)
    : text.slice(0, at - 1) + text.slice(at);
}

function compareWithFull(previous: { text: string; doc: Document.Parsed }, text: string): Document.Parsed | undefined {
  const reparsed = reparseEntry(previous, text);
  if (!reparsed) return undefined;
  const full = parseComposeDocument(text);
  assert.deepEqual(
    describeYaml(reparsed),
    describeYaml(full),
    `re-parse differs from the full parse after an edit of:\n${previous.text}\n---- to ----\n${text}`,
  );
  // As plain data too (or the same refusal: yaml stops at 100 aliases).
  const plain = (d: Document.Parsed) => {
    try {
      return d.toJS();
    } catch (error) {
      return { refused: (error as Error).message };
    }
  };
  assert.deepEqual(plain(reparsed), plain(full as Document.Parsed));
  return reparsed;
}

describe('Compose entry re-parse', () => {
  it('gives the full parse, or nothing, after single edits of every corpus Compose file', () => {
    assert.ok(COMPOSE.length > 100, `compose files: ${COMPOSE.length}`);
    let reparsed = 0;
    let edits = 0;
    // Every file as written, and every fifth one with CRLF line breaks too.
    const files = COMPOSE.flatMap((file, i) =>
      i % 5 === 0 ? [file, { path: `${file.path} (CRLF)`, text: file.text.replace(/\r?\n/g, '\r\n') }] : [file],
    );
    files.forEach((file, i) => {
      const doc = parseComposeDocument(file.text);
      const before = i % 10 === 0 ? describeYaml(doc) : undefined;
      const random = mulberry32(1000 + i);
      for (let n = 0; n < 60; n++) {
        edits++;
        if (compareWithFull({ text: file.text, doc }, edit(file.text, random))) reparsed++;
      }
      // The previous document is shared, never changed: the previous analysis still reads it.
      if (before) assert.deepEqual(describeYaml(doc), before, `${file.path}: the previous document changed`);
    });
    // The test means something only if the re-parse is taken often: most edits land inside a service.
    assert.ok(reparsed > edits / 4, `re-parsed ${reparsed} of ${edits} edits`);
  });

  it('gives the full parse along chains of edits, each re-parse the previous parse of the next', () => {
    let reparsed = 0;
    const files = [...COMPOSE.filter((_, i) => i % 4 === 0).map((file) => file.text), editorCompose(loadCorpus())];
    files.forEach((start, i) => {
      const random = mulberry32(7000 + i);
      let text = start;
      let doc = parseComposeDocument(text) as Document.Parsed;
      for (let n = 0; n < 40; n++) {
        const next = typed(text, random);
        const kept = compareWithFull({ text, doc }, next);
        if (kept) reparsed++;
        const full = parseComposeDocument(next) as Document.Parsed;
        // A broken text is never the base of the next edit: the server keeps the last parse without errors.
        if (full.errors.length) continue;
        text = next;
        doc = kept ?? full;
      }
    });
    assert.ok(reparsed > 300, `re-parsed ${reparsed} edits in chains`);
  });

  it('takes renames and `&`, `*` in strings; refuses a key moved, a rename onto a sibling, edits between entries, anchors, aliases and files with errors', () => {
    const text =
      'services:\n  web:\n    image: nginx\n    command: sh -c "a && b *"\n\n  # the database\n  wdb:\n    image: postgres\n';
    const doc = parseComposeDocument(text) as Document.Parsed;
    const at = (needle: string, insert: string) => text.replace(needle, insert + needle);
    assert.ok(compareWithFull({ text, doc }, at('nginx', 'my')), 'inside a service');
    assert.ok(compareWithFull({ text, doc }, text.replace('web:', 'wxeb:')), 'a renamed service');
    assert.ok(compareWithFull({ text, doc }, at('web:', 'x')), 'typed at the start of a key');
    assert.ok(compareWithFull({ text, doc }, text.replace('wdb:', 'db:')), 'the first character of a key deleted');
    assert.ok(
      compareWithFull({ text, doc }, text.replace('wdb:', 'wdb:  # renamed later')),
      'the key line of a service with a comment above',
    );
    assert.ok(compareWithFull({ text, doc }, at('b *"', '&x *y ')), '`&` and `*` inside a string');
    assert.equal(reparseEntry({ text, doc }, at('web:', ' ')), undefined, 'a key indented further');
    assert.equal(reparseEntry({ text, doc }, at('web:', '- ')), undefined, 'a key made a sequence item');
    assert.equal(reparseEntry({ text, doc }, at('web:', '#')), undefined, 'a key commented out');
    assert.equal(reparseEntry({ text, doc }, at('wdb:', '&x ')), undefined, 'an anchor on a key');
    assert.equal(reparseEntry({ text, doc }, text.replace('wdb:', 'web:')), undefined, 'a rename onto a sibling');
    assert.equal(reparseEntry({ text, doc }, at('# the', '\n')), undefined, 'between entries');
    assert.equal(reparseEntry({ text, doc }, at('image: postgres', '&x ')), undefined, 'an anchor');
    // Texts around the entry that the file reads into it once the edit changed it (each found by seeded fuzzing, and
    // each re-parsed differently from the full parse before the checks that refuse them).
    const refusedAround = [
      // a comment after the entry, as deep as the entry's last mapping has become
      [
        'services:  \n  frnte nd   uild:\n    +on&text: .\n   #x co|+ntaierame: fr:onten\n  +r&&t>s:\n    - "Z80:"\n',
        '    +on&text',
        '   +on&text',
      ],
      // a line after the entry, deeper than its key (an explicit `:` value)
      [
        'servces*a:\n   &b xs"h:\n    ima*ge: build-t  est*a-s]s#h\n   :?uild:\n      con~t: .\n     :\n      &b x - fak~-ssh=.ke_rsa\n',
        '      con~t',
        '     con~t',
      ],
      // a comment inside the entry, less indented than its key: the plain scalar after it runs on into the next entry
      [
        'services:\n  db:\n    environment:\n #x      - A=1\n      - B=2\n  frontend:\n    build: x\n',
        '      - B',
        '      B',
      ],
    ];
    refusedAround.push(
      // a block scalar typed at the entry's end takes the blank line after it in the file
      [
        'services:\n  db:\n    healthcheck:\n      retries: 5\n\n  proxy:\n    image: nginx\n',
        'retries: 5',
        'retries: >-5',
      ],
    );
    for (const [before, from, to] of refusedAround) {
      const beforeDoc = parseComposeDocument(before) as Document.Parsed;
      assert.equal(beforeDoc.errors.length, 0);
      assert.equal(
        reparseEntry({ text: before, doc: beforeDoc }, before.replace(from, to)),
        undefined,
        `${JSON.stringify(from)} → ${JSON.stringify(to)}`,
      );
    }
    const anchored = 'x-base: &base\n  restart: always\nservices:\n  web:\n    image: nginx\n    <<: *base\n';
    const anchoredDoc = parseComposeDocument(anchored) as Document.Parsed;
    assert.equal(
      reparseEntry({ text: anchored, doc: anchoredDoc }, anchored.replace('nginx', 'nginx2')),
      undefined,
      'an entry holding an alias',
    );
    assert.equal(reparseEntry({ text, doc }, at('image: postgres', 'x: *base\n    ')), undefined, 'an alias typed');
    assert.equal(reparseEntry({ text, doc }, text), undefined, 'no edit');
    const broken = text.replace('nginx', '"nginx');
    assert.equal(
      reparseEntry(
        { text: broken, doc: parseComposeDocument(broken) as Document.Parsed },
        broken.replace('postgres', 'mysql'),
      ),
      undefined,
      'errors before',
    );
  });

  it('re-parses an entry left broken with the entry after it, errors included, unless the break reaches past it', () => {
    const text =
      'services:\n  web:\n    image: nginx\n    restart: always\n\n  # the database\n  db:\n    image: postgres\n    restart: always\n';
    const doc = parseComposeDocument(text) as Document.Parsed;
    // Typed right after a colon: a plain scalar where a key is wanted.
    const broken = compareWithFull({ text, doc }, text.replace('image: nginx', 'image:x nginx'));
    assert.ok(broken, 'a broken line inside the first service');
    assert.ok(broken.errors.length > 0, 'with the errors of the full parse');
    assert.ok(
      compareWithFull({ text, doc }, text.replace('    restart: always\n\n', '    -x restart: always\n\n')),
      'a broken sequence dash',
    );
    // A broken last line: yaml's recovery ends the entry at the next line's indentation, in the file as with the next entry.
    const listed = 'services:\n  cron:\n    depends_on:\n      - db\n      - redis\n  web:\n    image: nginx\n';
    const listedDoc = parseComposeDocument(listed) as Document.Parsed;
    assert.ok(
      compareWithFull({ text: listed, doc: listedDoc }, listed.replace('      - redis', '      -8 redis'))?.errors
        .length,
      'a broken last line',
    );
    // The last entry of its section has no entry after it to show where it ends.
    assert.equal(
      reparseEntry({ text, doc }, text.replace('image: postgres', 'image:x postgres')),
      undefined,
      'a broken last entry',
    );
    // A quote left open runs on into the next entry: that entry no longer reads as it did.
    assert.equal(
      reparseEntry({ text, doc }, text.replace('image: nginx', 'image: "nginx')),
      undefined,
      'an open quote',
    );
    // A broken key line: the file reads the comments above it differently (found by seeded fuzzing).
    const commented =
      'services:\n  db:\n    image: postgres\n\n  # Note: Redis is an external service.\n  # https://hub.docker.com/_/redis\n  redis:\n    image: redis:alpine\n    restart: always\n\n  app:\n    image: nextcloud\n';
    const commentedDoc = parseComposeDocument(commented) as Document.Parsed;
    assert.equal(
      reparseEntry({ text: commented, doc: commentedDoc }, commented.replace('  redis:', '  r\n    edis:')),
      undefined,
      'a key broken in two',
    );
    // An open bracket: yaml ends the flow sequence at the entry's end, in the file as alone (compared if taken).
    compareWithFull({ text, doc }, text.replace('image: nginx', 'image: [nginx'));
  });

  it('keeps the last parse without errors across broken texts: the text that mends them re-parses from it', () => {
    forgetLastParses();
    const path = '/work/keep-across-errors/compose.yaml';
    const good =
      'services:\n  cache:\n    image: redis\n  web:\n    image: nginx\n    restart: always\n  db:\n    image: postgres\n    restart: always\n';
    const steps = [
      good,
      good.replace('image: postgres', 'image:o postgres'), // broken: a plain scalar where a key is wanted
      good.replace('image: postgres', 'image:ow postgres'),
      good, // mended back to the same text
      good.replace('image: postgres', 'image:o postgres2'), // broken again, then mended differently
      good.replace('image: postgres', 'image: postgres2'),
      // broken in the middle service: re-parsed with the one after it
      good.replace('image: postgres', 'image: postgres2').replace('image: nginx', 'image:o nginx'),
      good
        .replace('image: postgres', 'image: postgres2')
        .replace('image: nginx', 'image:o nginx')
        .replace('    restart: always\n  db', '    restartx: always\n  db'),
    ];
    const reports = steps.map((text) => analyzeText(path, text, 'compose', { keepParse: true, keepModel: true }));
    steps.forEach((text, i) => {
      const fresh = analyzeText(path, text, 'compose');
      assert.deepEqual(JSON.parse(JSON.stringify(reports[i])), JSON.parse(JSON.stringify(fresh)), `step ${i}`);
    });
    const docOf = (i: number) => (reports[i] as { model?: { doc?: Document.Parsed } }).model!.doc!;
    assert.ok(
      docOf(1).errors.length &&
        docOf(2).errors.length &&
        docOf(4).errors.length &&
        docOf(6).errors.length &&
        docOf(7).errors.length,
      'the broken steps have errors',
    );
    assert.equal(docOf(3), docOf(0), 'the text mended back is the kept document itself');
    // Mended differently: the service edited is re-parsed from the kept document, the one before it shared with it.
    const services = (i: number) => (docOf(i).get('services') as { items: unknown[] }).items;
    assert.equal(services(5)[1], services(0)[1], 'the service before the edit is the kept one');
    assert.notEqual(services(5)[2], services(0)[2]);
    // Broken in the middle service: re-parsed with the one after it, the one before shared.
    assert.equal(services(6)[0], services(5)[0], 'the service before a broken one is the kept one');
    assert.equal(services(7)[0], services(5)[0]);
    forgetLastParses();
  });

  it('analyses the same with kept parses as without, along typed edits', () => {
    const random = mulberry32(99);
    const files = COMPOSE.filter((_, i) => i % 6 === 0);
    let compared = 0;
    let reparsed = 0;
    forgetLastParses();
    for (const file of files) {
      let text = file.text;
      // What the kept parse allows, replayed beside the analyses: the comparison must meet re-parsed texts.
      let previous: { text: string; doc: Document.Parsed } | undefined;
      for (let n = 0; n < 12; n++) {
        const kept = analyzeText(file.path, text, 'compose', { keepParse: true });
        const fresh = analyzeText(file.path, text, 'compose');
        assert.deepEqual(
          JSON.parse(JSON.stringify(kept)),
          JSON.parse(JSON.stringify(fresh)),
          `${file.path} after edit ${n}`,
        );
        compared++;
        const reparsedDoc = previous && reparseEntry(previous, text);
        if (reparsedDoc) reparsed++;
        const doc = reparsedDoc || (parseComposeDocument(text) as Document.Parsed);
        previous = doc.errors.length ? undefined : { text, doc };
        text = typed(text, random);
      }
    }
    forgetLastParses();
    assert.ok(compared > 200 && reparsed > 50, `analyses compared: ${compared}, of texts re-parsed: ${reparsed}`);
  });

  it('analyses the same with kept parses as without, along typing that breaks the YAML for a few keystrokes', () => {
    // The benchmark's 500-line file: characters typed right after a `:` or a `-` (a plain scalar where a key or an item
    // was), then deleted again.
    const start = editorCompose(loadCorpus());
    const path = '/work/typing-breaks/compose.yaml';
    const random = mulberry32(41);
    const marks = [...start.matchAll(/[:-](?= )/g)].map((match) => match.index! + 1);
    forgetLastParses();
    const keptDoc = (
      analyzeText(path, start, 'compose', { keepParse: true, keepModel: true }) as { model?: { doc?: Document.Parsed } }
    ).model!.doc!;
    const keptServices = (keptDoc.get('services') as { items: { value: { range: number[] } }[] }).items;
    let broken = 0;
    let sharedBeforeBroken = 0;
    for (let burst = 0; burst < 8; burst++) {
      const at = marks[Math.floor(random() * marks.length)];
      const typedText = 'x' + 'abc019'[Math.floor(random() * 6)];
      const texts = [1, 2, 1, 0].map((n) => start.slice(0, at) + typedText.slice(0, n) + start.slice(at));
      for (const text of texts) {
        const kept = analyzeText(path, text, 'compose', { keepParse: true, keepModel: true });
        const fresh = analyzeText(path, text, 'compose');
        assert.deepEqual(
          JSON.parse(JSON.stringify(kept)),
          JSON.parse(JSON.stringify(fresh)),
          `typed at ${at}: ${JSON.stringify(text.slice(at - 20, at + 20))}`,
        );
        const doc = (kept as { model?: { doc?: Document.Parsed } }).model!.doc!;
        if (!doc.errors.length) continue;
        broken++;
        // Re-parsed from the kept document (not parsed whole): the first service is the kept one.
        if (
          at > keptServices[0].value.range[1] &&
          (doc.get('services') as { items: unknown[] }).items[0] === keptServices[0]
        )
          sharedBeforeBroken++;
      }
    }
    forgetLastParses();
    assert.ok(
      broken >= 8 && sharedBeforeBroken >= 4,
      `broken texts analysed: ${broken}, re-parsed from the kept document: ${sharedBeforeBroken}`,
    );
  });
});
