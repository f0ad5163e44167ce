import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { interpolate, parseDotEnv, usesVariables } from '../../shared/src/compose/interpolate';

describe('compose interpolation', () => {
  const vars = new Map([
    ['TAG', '1.25'],
    ['EMPTY', ''],
    ['HOST', '127.0.0.1'],
  ]);
  const cases: [string, string | undefined][] = [
    ['nginx:${TAG}', 'nginx:1.25'],
    ['nginx:$TAG', 'nginx:1.25'],
    ['nginx:${UNSET}', undefined],
    ['nginx:$UNSET', undefined],
    ['nginx:${UNSET:-latest}', 'nginx:latest'],
    ['nginx:${UNSET-latest}', 'nginx:latest'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${TAG:-fallback}', '1.25'],
    ['${UNSET:?must be set}', undefined],
    ['${UNSET?must be set}', undefined],
    ['${TAG:?must be set}', '1.25'],
    ['${EMPTY:?must not be empty}', undefined],
    ['${EMPTY?may be empty}', ''],
    ['${TAG:+set}', 'set'],
    ['${UNSET:+set}', undefined],
    ['${UNSET:-${HOST}}:80', '127.0.0.1:80'],
    ['${UNSET:-${ALSO_UNSET:-0.0.0.0}}:80', '0.0.0.0:80'],
    ['${UNSET:-${ALSO_UNSET}}', undefined],
    ['$$HOME and $${TAG}', '$HOME and ${TAG}'],
    ['a $ alone', 'a $ alone'],
    ['${', undefined],
    ['${TAG', undefined],
    ['${1BAD}', undefined],
    ['no variables', 'no variables'],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () => assert.equal(interpolate(text, vars), expected));
  }

  it('tells variables from escaped dollars', () => {
    assert.equal(usesVariables('${DB_PASSWORD}'), true);
    assert.equal(usesVariables('$DB_PASSWORD'), true);
    assert.equal(usesVariables('pa$$word'), false);
    assert.equal(usesVariables('plain'), false);
  });
});

describe('.env files', () => {
  it('reads assignments, quotes, export and comments', () => {
    const vars = parseDotEnv(
      [
        '# a comment',
        'TAG=1.25',
        'export HOST=127.0.0.1',
        "SINGLE='${TAG} stays'",
        'DOUBLE="tag ${TAG}\\n"',
        'UNQUOTED=value # trailing comment',
        'URL=http://${HOST}:8080',
        'EMPTY=',
        '  SPACED = yes ',
        'MULTI="line one',
        'line two"',
        'not an assignment',
      ].join('\r\n'),
    );
    assert.deepEqual(Object.fromEntries(vars), {
      TAG: '1.25',
      HOST: '127.0.0.1',
      SINGLE: '${TAG} stays',
      DOUBLE: 'tag 1.25\n',
      UNQUOTED: 'value',
      URL: 'http://127.0.0.1:8080',
      EMPTY: '',
      SPACED: 'yes',
      MULTI: 'line one\nline two',
    });
  });
});
