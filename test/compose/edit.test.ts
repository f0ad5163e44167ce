/**
 * The compose edit toolkit on its own: each edit over block and flow styles, comments, indentation, quoting, CRLF and a
 * missing final line break. Outputs are whole files, so anything changed outside the edit shows.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isMap, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { parseCompose, type ComposeModel } from '../../shared/src/compose/model';
import {
  appendItem,
  editable,
  formatString,
  indentUnit,
  insertPairs,
  removeItem,
  removePair,
  replaceScalar,
  setMappingValue,
  type NewPair,
  type NewScalar,
  type Placement,
} from '../../shared/src/compose/edit';
import { applyEdits } from '../../shared/src/text';
import type { TextEdit } from '../../shared/src/types';

function nodeAt(model: ComposeModel, path: (string | number)[]): Node {
  const node = model.doc?.getIn(path, true) as Node | undefined;
  assert.ok(node, `no node at ${path.join('.')}`);
  return node;
}

function seqAt(model: ComposeModel, path: (string | number)[]): YAMLSeq {
  const node = nodeAt(model, path);
  assert.ok(isSeq(node));
  return node;
}

function mapAt(model: ComposeModel, path: (string | number)[]): YAMLMap {
  const node = nodeAt(model, path);
  assert.ok(isMap(node));
  return node;
}

function apply(model: ComposeModel, edits: TextEdit[] | TextEdit | undefined): string {
  assert.ok(edits, 'no edit');
  const output = applyEdits(model.source.text, Array.isArray(edits) ? edits : [edits]);
  assert.deepEqual(parseCompose(output).syntaxProblems, [], `output does not parse:\n${output}`);
  return output;
}

describe('removeItem', () => {
  const cases: [string, string, number, string][] = [
    ['flow, middle', 'a:\n  l: [x, y, z]\n', 1, 'a:\n  l: [x, z]\n'],
    ['flow, first', 'a:\n  l: [ x, y ]\n', 0, 'a:\n  l: [ y ]\n'],
    ['flow, last', 'a:\n  l: ["x", "y"]\n', 1, 'a:\n  l: ["x"]\n'],
    ['flow, only', 'a:\n  l: [x]\n', 0, 'a:\n  l: []\n'],
    [
      'block, with its trailing comment; the comment line above stays',
      'a:\n  l:\n    # why\n    - x # because\n    - y\n',
      0,
      'a:\n  l:\n    # why\n    - y\n',
    ],
    ['block, last, no final line break', 'a:\n  l:\n    - x\n    - y', 1, 'a:\n  l:\n    - x\n'],
    ['block, CRLF', 'a:\r\n  l:\r\n  - x\r\n  - y\r\n', 0, 'a:\r\n  l:\r\n  - y\r\n'],
    [
      'block, a mapping item over several lines',
      'a:\n  l:\n    - type: bind\n      source: /etc\n      target: /etc\n    - ./x:/x\n',
      0,
      'a:\n  l:\n    - ./x:/x\n',
    ],
  ];
  for (const [name, code, index, expected] of cases) {
    it(name, () => {
      const model = parseCompose(code);
      const seq = seqAt(model, ['a', 'l']);
      assert.equal(apply(model, removeItem(model, seq, seq.items[index] as Node)), expected);
    });
  }
});

describe('removePair', () => {
  const cases: [string, string, (string | number)[], string, string][] = [
    [
      'block, its lines only',
      'a:\n  x: 1\n  # about y\n  y: [1,\n    2] # y\n  z: 3\n',
      ['a'],
      'y',
      'a:\n  x: 1\n  # about y\n  z: 3\n',
    ],
    ['block, the last one: the mapping stays a mapping', 'a:\n  y: 1\nb: 2\n', ['a'], 'y', 'a:\n  {}\nb: 2\n'],
    ['flow, middle', 'a: {x: 1, y: 2, z: 3}\n', ['a'], 'y', 'a: {x: 1, z: 3}\n'],
    ['flow, the only one', 'a: {y: 2}\n', ['a'], 'y', 'a: {}\n'],
    [
      'first key of a list item mapping: the next key moves onto the dash line',
      'l:\n  - type: bind\n    source: /etc\n',
      ['l', 0],
      'type',
      'l:\n  - source: /etc\n',
    ],
  ];
  for (const [name, code, path, key, expected] of cases) {
    it(name, () => {
      const model = parseCompose(code);
      const map = mapAt(model, path);
      const pair = map.items.find((p) => (p.key as { value?: unknown }).value === key);
      assert.ok(pair);
      assert.equal(apply(model, removePair(model, map, pair)), expected);
    });
  }
});

describe('appendItem', () => {
  const cases: [string, string, string, string][] = [
    ['flow, after the last item, keeping spaces', 'a:\n  l: [ x ]\n', 'z', 'a:\n  l: [ x, z ]\n'],
    ['flow, empty', 'a:\n  l: []\n', 'z', 'a:\n  l: [z]\n'],
    ['flow, quoted like its items', "a:\n  l: ['x']\n", 'z', "a:\n  l: ['x', 'z']\n"],
    [
      "block, at the items' indentation and dash spacing",
      'a:\n  l:\n  -   x # c\n  # trailing comment\nb: 1\n',
      'z',
      'a:\n  l:\n  -   x # c\n  -   z\n  # trailing comment\nb: 1\n',
    ],
    ['block, CRLF, no final line break', 'a:\r\n  l:\r\n    - "x"', 'z', 'a:\r\n  l:\r\n    - "x"\r\n    - "z"'],
    [
      'a YAML 1.1 boolean is quoted (docker-compose 1.x would read a bool)',
      'a:\n  l: [x]\n',
      'y',
      'a:\n  l: [x, "y"]\n',
    ],
    ['a value YAML would misread is quoted', 'a:\n  l: [x]\n', 'yes: no', 'a:\n  l: [x, "yes: no"]\n'],
  ];
  for (const [name, code, value, expected] of cases) {
    it(name, () => {
      const model = parseCompose(code);
      assert.equal(apply(model, appendItem(model, seqAt(model, ['a', 'l']), { string: value })), expected);
    });
  }
});

describe('insertPairs', () => {
  const flag: NewPair = { key: 'read_only', value: { raw: 'true' } };
  const list: NewPair = { key: 'cap_drop', value: { list: [{ string: 'ALL' }] } };
  const cases: [string, string, NewPair[], Placement, string][] = [
    [
      'after a key',
      'services:\n  a:\n    image: x\n    ports: ["1:1"]\n',
      [flag],
      [{ after: 'image' }],
      'services:\n  a:\n    image: x\n    read_only: true\n    ports: ["1:1"]\n',
    ],
    [
      'after a block scalar',
      'services:\n  a:\n    command: |\n      run\n    image: x\n',
      [flag],
      [{ after: 'command' }],
      'services:\n  a:\n    command: |\n      run\n    read_only: true\n    image: x\n',
    ],
    [
      'before a key and the comments above it',
      'services:\n  a:\n    image: x\n\n    # caps\n    cap_add: [CHOWN]\n',
      [list],
      [{ before: 'cap_add' }],
      'services:\n  a:\n    image: x\n\n    cap_drop: [ALL]\n    # caps\n    cap_add: [CHOWN]\n',
    ],
    [
      'the first present anchor wins',
      'services:\n  a:\n    image: x\n    user: app\n',
      [flag],
      [{ after: 'nope' }, { after: 'user' }, { after: 'image' }],
      'services:\n  a:\n    image: x\n    user: app\n    read_only: true\n',
    ],
    [
      'last, when no anchor is present, with no final line break',
      'services:\n  a:\n    image: x',
      [flag, list],
      [{ after: 'nope' }],
      'services:\n  a:\n    image: x\n    read_only: true\n    cap_drop:\n      - ALL',
    ],
    [
      '4-space file, lists level with keys',
      'services:\n    a:\n        image: x\n        ports:\n        - 80\n',
      [list],
      [],
      'services:\n    a:\n        image: x\n        ports:\n        - 80\n        cap_drop:\n        - ALL\n',
    ],
    [
      'flow mapping',
      'services:\n  a: { image: x }\n',
      [flag, list],
      [],
      'services:\n  a: { image: x, read_only: true, cap_drop: [ALL] }\n',
    ],
    ['empty flow mapping', 'services:\n  a: {}\n', [flag], [], 'services:\n  a: {read_only: true}\n'],
    [
      'CRLF',
      'services:\r\n  a:\r\n    image: x\r\n',
      [list],
      [],
      'services:\r\n  a:\r\n    image: x\r\n    cap_drop:\r\n      - ALL\r\n',
    ],
  ];
  for (const [name, code, pairs, placement, expected] of cases) {
    it(name, () => {
      const model = parseCompose(code);
      assert.equal(apply(model, insertPairs(model, mapAt(model, ['services', 'a']), pairs, placement)), expected);
    });
  }
});

describe('scalars', () => {
  it('replaces a value keeping its quotes', () => {
    const cases: [string, NewScalar, string][] = [
      ['a:\n  b: "false" # c\n', { string: 'true' }, 'a:\n  b: "true" # c\n'],
      ["a:\n  b: 'false'\n", { string: 'true' }, "a:\n  b: 'true'\n"],
      ['a:\n  b: false\n', { raw: 'true' }, 'a:\n  b: true\n'],
      ['a:\n  b: false\n', { string: 'true' }, 'a:\n  b: "true"\n'],
    ];
    for (const [code, value, expected] of cases) {
      const model = parseCompose(code);
      assert.equal(apply(model, replaceScalar(model, nodeAt(model, ['a', 'b']) as never, value)), expected);
    }
  });

  it('writes plain strings only where YAML reads them back the same', () => {
    assert.equal(formatString('no-new-privileges:true'), 'no-new-privileges:true');
    assert.equal(formatString('no-new-privileges:true', 'plain', true), 'no-new-privileges:true');
    assert.equal(formatString('/tmp'), '/tmp');
    for (const tricky of [
      'yes',
      'On',
      'n',
      '22:22',
      'true',
      '123',
      '1e3',
      ': x',
      '#x',
      '*x',
      '&x',
      'a: b',
      '',
      ' x',
      'null',
      '~',
      '[x]',
      '{x}',
      '- x',
    ]) {
      assert.equal(formatString(tricky), JSON.stringify(tricky), tricky);
    }
    assert.equal(formatString('a, b', 'plain', true), '"a, b"');
    assert.equal(formatString("it's", 'single'), "'it''s'");
  });

  it('adds a key to a long-syntax list item, or sets it where written', () => {
    const model = parseCompose(
      'services:\n  a:\n    volumes:\n      - type: bind\n        source: /etc\n        target: /etc\n      - {type: bind, source: /srv, target: /srv, read_only: false}\n',
    );
    assert.equal(
      apply(
        model,
        setMappingValue(model, mapAt(model, ['services', 'a', 'volumes', 0]), 'read_only', { raw: 'true' }, [
          { after: 'target' },
        ]),
      ),
      'services:\n  a:\n    volumes:\n      - type: bind\n        source: /etc\n        target: /etc\n        read_only: true\n      - {type: bind, source: /srv, target: /srv, read_only: false}\n',
    );
    assert.equal(
      apply(model, setMappingValue(model, mapAt(model, ['services', 'a', 'volumes', 1]), 'read_only', { raw: 'true' })),
      'services:\n  a:\n    volumes:\n      - type: bind\n        source: /etc\n        target: /etc\n      - {type: bind, source: /srv, target: /srv, read_only: true}\n',
    );
  });
});

describe('style and safety', () => {
  it('reads the indentation unit from the services', () => {
    assert.equal(indentUnit(parseCompose('services:\n    a:\n        image: x\n')), 4);
    assert.equal(indentUnit(parseCompose('services:\n  a:\n    image: x\n')), 2);
  });

  it('offers no edit on a file that does not parse cleanly', () => {
    const model = parseCompose('services:\n  a:\n    image: x\n    image: y\n    cap_add: [SYS_ADMIN]\n');
    assert.equal(editable(model), false);
    const seq = seqAt(model, ['services', 'a', 'cap_add']);
    assert.equal(removeItem(model, seq, seq.items[0] as Node), undefined);
  });
});
