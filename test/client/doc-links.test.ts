// Hover links to rule pages open the page shipped with the extension (offline), the published page second.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { commandLink, localDocLinks } from '../../client/src/doc-links';
import { findingsHover, keywordHover } from '../../shared/src/hover/index';
import { RULE_DOCS_BASE_URL, ruleDocUrl } from '../../shared/src/docs';

const COMMAND = 'bulkhead.showRuleDocumentation';

describe('hover links to the shipped rule pages', () => {
  it('a finding hover: "Rule documentation" opens the local page, the online page is the second link', () => {
    const md = localDocLinks(
      findingsHover([
        {
          ruleId: 'image/sudo',
          severity: 'warning',
          range: { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } },
        },
      ]),
      COMMAND,
    );
    const local = commandLink(COMMAND, ['image/sudo']);
    assert.equal(local, 'command:bulkhead.showRuleDocumentation?%5B%22image%2Fsudo%22%5D');
    assert.ok(md.includes(`[Rule documentation](${local}) ([online](${ruleDocUrl('image/sudo')}))`), md);
    assert.equal(md.split(RULE_DOCS_BASE_URL).length - 1, 1, 'the published page only as the second link');
  });

  it('a keyword hover: each rule it names links to its local page', () => {
    const hover = keywordHover('compose', 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n', {
      line: 3,
      character: 6,
    });
    assert.ok(hover && hover.markdown.includes(ruleDocUrl('container/privileged')), hover?.markdown);
    const md = localDocLinks(hover.markdown, COMMAND);
    assert.ok(md.includes(`](${commandLink(COMMAND, ['container/privileged'])})`), md);
    assert.ok(!md.includes(RULE_DOCS_BASE_URL), md);
  });

  it('leaves other links alone, and a page address that names no rule', () => {
    const text = `[CIS](https://www.cisecurity.org/) [x](${RULE_DOCS_BASE_URL}/../../README.md) [y](${RULE_DOCS_BASE_URL}/README.md)`;
    assert.equal(localDocLinks(text, COMMAND), text);
  });
});
