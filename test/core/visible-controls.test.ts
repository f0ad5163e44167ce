import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { showControls } from '../../shared/src/visible-controls';

/** What a terminal, a CI log or a renderer treats as more than a character to show. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('showControls', () => {
  it('names line breaks and tabs, and writes other controls as \\x or \\u escapes', () => {
    assert.equal(showControls('a\nb\rc\td'), 'a\\nb\\rc\\td');
    assert.equal(showControls('alp\u001b[2Jine'), 'alp\\x1b[2Jine');
    assert.equal(showControls('\u0007\u0008\u0000\u007f'), '\\x07\\x08\\x00\\x7f');
    assert.equal(showControls('next\u0085line \u009b31m'), 'next\\x85line \\x9b31m');
    assert.equal(showControls('\u2028\u2029'), '\\u2028\\u2029');
    assert.equal(showControls('\u202etoor\u202c'), '\\u202etoor\\u202c');
    assert.equal(
      showControls('\u2066\u2067\u2068\u2069\u200e\u200f\u061c'),
      '\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c',
    );
  });

  it('leaves every character that only shows itself as it is', () => {
    const text = 'FROM café/äpp:1.0 — ✓ 日本 \\n literal `code` "quoted" 😀';
    assert.equal(showControls(text), text);
  });

  it('leaves no control character of any code point below U+0100 or in the bidi and separator ranges', () => {
    let all = '';
    for (let c = 0; c < 0x100; c++) all += String.fromCharCode(c);
    for (let c = 0x2000; c < 0x2070; c++) all += String.fromCharCode(c);
    const shown = showControls(all);
    assert.doesNotMatch(shown, INVISIBLE);
    // Every other character is kept, in order.
    assert.equal(
      shown.replace(/\\(x[0-9a-f]{2}|u[0-9a-f]{4}|[nrt])/g, ''),
      all.replace(new RegExp(INVISIBLE.source, 'g'), ''),
    );
  });
});
