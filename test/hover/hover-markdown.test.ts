// Hovers are Markdown the editor renders: what they quote from the file must show as text, never as markup.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { findingHover, keywordHover } from '../../shared/src/hover/index';

const md = new MarkdownIt({ html: true });
const MARKUP = /<img|<b>|href="https:\/\/evil/;

describe('hover Markdown quotes the file as text', () => {
  it('over USER: a user with a backtick, HTML and a link', () => {
    const text = 'FROM debian:12\nUSER a`<img src=x>[x](https://evil.example)\n';
    const hover = keywordHover('dockerfile', text, { line: 1, character: 1 });
    assert.ok(hover);
    assert.match(hover.markdown, /is not root/);
    assert.doesNotMatch(md.render(hover.markdown), MARKUP);
  });

  it('over a compose user and a volume source', () => {
    const text =
      'services:\n  web:\n    image: nginx:1.27\n    user: "a`<b>x</b>"\n    volumes: ["x`<img src=y>:/data"]\n';
    for (const line of [3, 4]) {
      const hover = keywordHover('compose', text, { line, character: 5 });
      assert.ok(hover, `a hover on line ${line}`);
      assert.doesNotMatch(md.render(hover.markdown), MARKUP, hover.markdown);
    }
  });

  it('over a finding: its message', () => {
    const hover = findingHover({
      ruleId: 'image/root-user',
      message: 'The last USER is `\u202ex`<img src=x>`, so the container runs as root.',
    });
    assert.doesNotMatch(md.render(hover), MARKUP);
    assert.doesNotMatch(hover, /\u202e/);
  });
});
