/**
 * Text from a workspace placed in Markdown must render as that text: checked by rendering with markdown-it (CommonMark
 * with GFM tables), not by comparing strings with what the escaper was written to produce.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { markdownCode, markdownText } from '../../shared/src/markdown-text';

const md = new MarkdownIt({ html: true, linkify: false });

/** The HTML of one inline fragment, without the paragraph around it. */
function render(markdown: string): string {
  return md.renderInline(markdown);
}

/** Text content of rendered HTML, entities decoded: what a reader sees. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '[click](https://evil.example)',
  '![x](https://evil.example/p.png)',
  '**bold** _em_ ~~gone~~',
  '&#x202e;toor &amp;',
  'a | b',
  '`unbalanced',
  'back\\`tick',
  '``double`` `single`',
  '<https://evil.example>',
  '$x^2$',
  '# heading',
];

describe('markdownText', () => {
  it('keeps the code spans a message marks with backticks, as code', () => {
    assert.equal(
      render(markdownText('Service `web` runs as `root`.')),
      'Service <code>web</code> runs as <code>root</code>.',
    );
  });

  for (const value of HOSTILE) {
    it(`renders ${JSON.stringify(value)} quoted in a message as no markup`, () => {
      for (const message of [`Image ${value} is unknown`, `Image \`${value}\` is unknown`]) {
        const html = render(markdownText(message));
        assert.doesNotMatch(html, /<(?!\/?code>)/, `${message} → ${html}`);
        // What is shown is the message, less the backticks that became code spans.
        assert.equal(visibleText(html).replace(/`/g, ''), message.replace(/`/g, ''), html);
      }
    });
  }

  it('keeps a table row in its columns, whatever a cell holds', () => {
    const cells = ['a | b', '`x | y`', 'z'];
    const table = `| one | two | three |\n|---|---|---|\n| ${cells.map((c) => markdownText(c, { table: true })).join(' | ')} |\n`;
    const html = md.render(table);
    assert.equal((html.match(/<td>/g) ?? []).length, 3, html);
    assert.match(html, /<td>a \| b<\/td>\s*<td><code>x \| y<\/code><\/td>\s*<td>z<\/td>/);
  });

  it('shows control characters as escapes', () => {
    assert.equal(markdownText('`alp\u001b[2Jine`\n::error'), '`alp\\x1b[2Jine`\\\\n::error');
  });
});

describe('markdownCode', () => {
  for (const value of ['plain', 'with`tick', '``x``', '`', ' padded ', 'a|b', '<img src=x>', '']) {
    it(`shows ${JSON.stringify(value)} as one code span holding exactly it`, () => {
      const html = render(markdownCode(value));
      const match = /^<code>(.*)<\/code>$/.exec(html);
      assert.ok(match, html);
      assert.equal(visibleText(match[1]), value === '' ? ' ' : value);
    });
  }
});
