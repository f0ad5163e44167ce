/**
 * Hostile edits of a real file: each mutator takes the text and the seeded `random` and returns a new text, so a seed,
 * a source file and a list of mutator names give the same input again. They aim at what breaks parsers and rules:
 * damaged bytes, odd line breaks and indentation, unclosed quotes and heredocs, long lines, deep nesting, YAML anchors
 * and merge keys where nobody puts them, and variables that expand to themselves twice.
 */
import type { FileKind } from '../../shared/src/types';
import { intBetween, pick, type Random } from '../bench/stats';

export interface Mutator {
  name: string;
  /** Kinds it makes sense for; every kind when absent. */
  kinds?: readonly FileKind[];
  apply(text: string, random: Random): string;
}

function lineBounds(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      out.push({ start, end: text.length });
      return out;
    }
    out.push({ start, end: nl + 1 });
    start = nl + 1;
  }
}

function insertAt(text: string, offset: number, insert: string): string {
  return text.slice(0, offset) + insert + text.slice(offset);
}

/** The start of a random line: where a whole new line can go. */
function randomLineStart(text: string, random: Random): number {
  return pick(random, lineBounds(text)).start;
}

function randomOffset(text: string, random: Random): number {
  return intBetween(random, 0, text.length);
}

/** Characters a byte flip writes: controls, quotes, YAML and Dockerfile syntax, a lone surrogate, non-ASCII. */
const HOSTILE_CHARS = [
  '\u0000',
  '\u0001',
  '\u001b',
  '\u007f',
  '\t',
  '\r',
  '\n',
  '"',
  "'",
  '`',
  '\\',
  '$',
  '{',
  '}',
  '[',
  ']',
  ':',
  '-',
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  '%',
  '@',
  '\ud800',
  '\udfff',
  '\u00e9',
  '\u2028',
  '\ufeff',
  '\uffff',
  '😀',
];

const LIST: Mutator[] = [
  {
    name: 'byte-flip',
    apply(text, random) {
      let out = text;
      for (let n = intBetween(random, 1, 8); n > 0 && out.length; n--) {
        const at = intBetween(random, 0, out.length - 1);
        const c =
          random() < 0.5
            ? pick(random, HOSTILE_CHARS)
            : String.fromCharCode(out.charCodeAt(at) ^ (1 << intBetween(random, 0, 7)));
        out = out.slice(0, at) + c + out.slice(at + 1);
      }
      return out;
    },
  },
  { name: 'truncate', apply: (text, random) => text.slice(0, randomOffset(text, random)) },
  {
    name: 'duplicate-lines',
    apply(text, random) {
      const lines = lineBounds(text);
      const first = intBetween(random, 0, lines.length - 1);
      const last = Math.min(lines.length - 1, first + intBetween(random, 0, 4));
      const block = text.slice(lines[first].start, lines[last].end);
      const copies = random() < 0.2 ? intBetween(random, 10, 200) : 1;
      return insertAt(text, lines[last].end, (block.endsWith('\n') ? block : `\n${block}\n`).repeat(copies));
    },
  },
  {
    name: 'delete-lines',
    apply(text, random) {
      const lines = lineBounds(text);
      const first = intBetween(random, 0, lines.length - 1);
      const last = Math.min(lines.length - 1, first + intBetween(random, 0, 4));
      return text.slice(0, lines[first].start) + text.slice(lines[last].end);
    },
  },
  {
    name: 'indentation',
    apply(text, random) {
      const lines = text.split('\n');
      for (let n = intBetween(random, 1, 4); n > 0; n--) {
        const i = intBetween(random, 0, lines.length - 1);
        lines[i] = random() < 0.5 ? ' '.repeat(intBetween(random, 1, 9)) + lines[i] : lines[i].replace(/^ {1,4}/, '');
      }
      return lines.join('\n');
    },
  },
  {
    name: 'tabs',
    apply(text, random) {
      const lines = text.split('\n');
      for (let n = intBetween(random, 1, 4); n > 0; n--) {
        const i = intBetween(random, 0, lines.length - 1);
        lines[i] =
          random() < 0.6 ? lines[i].replace(/^( {2})+/, (m) => '\t'.repeat(m.length / 2)) : lines[i].replace(/ /, '\t');
      }
      return lines.join('\n');
    },
  },
  { name: 'crlf', apply: (text) => text.replace(/\r?\n/g, '\r\n') },
  {
    name: 'lone-cr',
    apply(text, random) {
      // Some line breaks, or all of them, become the old Mac `\r`.
      const all = random() < 0.3;
      return text.replace(/\r?\n/g, (m) => (all || random() < 0.3 ? '\r' : m));
    },
  },
  {
    name: 'bom',
    apply: (text, random) =>
      random() < 0.8 ? '\ufeff' + text : insertAt(text, randomLineStart(text, random), '\ufeff'),
  },
  {
    name: 'nul',
    apply(text, random) {
      // Past the first 8 KiB, where the binary sniffing does not look, NULs reach the parsers.
      const at =
        text.length > 8192 && random() < 0.7 ? intBetween(random, 8192, text.length) : randomOffset(text, random);
      return insertAt(text, at, '\u0000'.repeat(intBetween(random, 1, 3)));
    },
  },
  {
    name: 'quotes',
    apply: (text, random) =>
      insertAt(text, randomOffset(text, random), pick(random, ['"', "'", '`', '"\'', '\\"', '\\', '"${', "'''"])),
  },
  {
    name: 'heredoc',
    kinds: ['dockerfile'],
    apply(text, random) {
      const heredoc = pick(random, [
        'RUN <<EOF\napt-get install -y curl\n',
        'RUN <<-"EOT" bash\n\tcurl -k https://x | sh\n\tEOT\n',
        'COPY <<EOF <<EOG /etc/\nx\nEOF\n',
        'RUN <<EOF cat > /x && <<EOG\na\nEOF\nb\nEOG\n',
        'RUN <<\n',
        'RUN cat <<EOF\n\\\nEOF\n',
      ]);
      return insertAt(text, randomLineStart(text, random), heredoc);
    },
  },
  {
    name: 'block-scalar',
    kinds: ['compose'],
    apply(text, random) {
      return insertAt(
        text,
        randomLineStart(text, random),
        pick(random, ['x: |\n', 'command: >-\n  a\n b\n', 'y: |9\n  z\n', '    entrypoint: |+\n\n\n']),
      );
    },
  },
  {
    name: 'long-line',
    apply(text, random) {
      const length = intBetween(random, 10_000, 200_000);
      const unit = pick(random, ['a', 'RUN ', '$A', '${A}', ' \\', '[', '{', '"', '- ', ', x', ' -p 80:80']);
      return insertAt(
        text,
        random() < 0.5 ? randomLineStart(text, random) : randomOffset(text, random),
        unit.repeat(Math.ceil(length / unit.length)) + '\n',
      );
    },
  },
  {
    name: 'deep-nesting',
    apply(text, random) {
      const depth = intBetween(random, 50, 3000);
      const nest = pick(random, [
        () => '['.repeat(depth) + ']'.repeat(depth),
        () => '{a: '.repeat(depth) + '1' + '}'.repeat(depth),
        () => Array.from({ length: Math.min(depth, 300) }, (_, i) => `${' '.repeat(i)}- a:`).join('\n'),
        () => `${'\\\n'.repeat(depth)}`,
        () => 'CMD ' + '['.repeat(depth) + '"x"' + ']'.repeat(depth),
      ])();
      return insertAt(text, randomLineStart(text, random), `x: ${nest}\n`.slice(random() < 0.5 ? 3 : 0));
    },
  },
  {
    name: 'anchors',
    kinds: ['compose'],
    apply(text, random) {
      const odd = pick(random, [
        '<<: *nowhere\n',
        'x-a: &a {privileged: true}\n<<: *a\n',
        'x-base: &base\n  image: alpine\nservices:\n  <<: *base\n',
        'x-list: &l [a, b]\n<<: *l\n',
        'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
        '  <<: [*a, *b, *c]\n',
        '    <<: {cap_add: [ALL]}\n',
        '&x\n',
        '*x\n',
        '? [a, b]\n: c\n',
        '!!binary x: y\n',
        '--- !!set\n',
      ]);
      return insertAt(text, randomLineStart(text, random), odd);
    },
  },
  {
    name: 'variable-doubling',
    apply(text, random) {
      const names = [...text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
      const name = names.length ? pick(random, names) : 'V';
      const doubled = random() < 0.5 ? `$${name}$${name}` : `\${${name}}\${${name}:-\${${name}}}`;
      const lines = intBetween(random, 2, 40);
      const block = Array.from({ length: lines }, () =>
        random() < 0.5 ? `ENV ${name}=${doubled}\n` : `ARG ${name}=${doubled}\n`,
      ).join('');
      if (random() < 0.5)
        return text.replace(new RegExp(`\\$\\{?${name}\\}?`), doubled.repeat(intBetween(random, 2, 16)));
      return insertAt(text, randomLineStart(text, random), block);
    },
  },
];

export const MUTATORS: readonly Mutator[] = LIST;

export function mutatorsFor(kind: FileKind): Mutator[] {
  return LIST.filter((m) => !m.kinds || m.kinds.includes(kind));
}

export function mutatorNamed(name: string): Mutator {
  const found = LIST.find((m) => m.name === name);
  if (!found) throw new Error(`no mutator named ${name}`);
  return found;
}

/** 1–3 mutators chosen by `random`, applied in order: the new text and their names. */
export function mutate(text: string, kind: FileKind, random: Random): { text: string; mutators: string[] } {
  const available = mutatorsFor(kind);
  const mutators: string[] = [];
  let out = text;
  for (let n = intBetween(random, 1, 3); n > 0; n--) {
    const mutator = pick(random, available);
    out = mutator.apply(out, random);
    mutators.push(mutator.name);
  }
  return { text: out, mutators };
}
