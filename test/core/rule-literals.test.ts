/**
 * The two template tags rule sources and tests are written with: `prose` reads wrapped doc text as Markdown
 * paragraphs, `file` reads an indented literal as the file it shows. Both must give exactly the text a string would.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { file, prose } from '../../shared/src/rule';

describe('prose', () => {
  it('joins wrapped lines with a space and keeps blank lines as paragraph breaks', () => {
    const text = prose`
      One sentence wrapped
        across lines.

      A second paragraph.
    `;
    assert.equal(text, 'One sentence wrapped across lines.\n\nA second paragraph.');
  });

  it('inserts values before reading the text', () => {
    const id = 'image/root-user';
    assert.equal(
      prose`See ${id}
      too.`,
      'See image/root-user too.',
    );
  });

  it('starts each list item on a line of its own and joins an item wrapped across lines', () => {
    const text = prose`
      Reports:

      - one thing, wrapped
        onto a second line;
      * another;
      1. a numbered one
      2) and another.
      Not an item: - inside a line, or 3 items.
    `;
    assert.equal(
      text,
      'Reports:\n\n- one thing, wrapped onto a second line;\n* another;\n1. a numbered one\n2) and another. Not an item: - inside a line, or 3 items.',
    );
  });

  it('keeps a fenced code block as written, less the fence’s indentation, blank lines included', () => {
    const text = prose`
      Before:

      \`\`\`dockerfile
      # a comment
      RUN --mount=type=secret,id=npm \\
        npm ci

      RUN id
      \`\`\`

      After.
    `;
    assert.equal(
      text,
      'Before:\n\n```dockerfile\n# a comment\nRUN --mount=type=secret,id=npm \\\n  npm ci\n\nRUN id\n```\n\nAfter.',
    );
  });

  it('fails on a code block that is not closed, rather than swallowing the rest of the text', () => {
    assert.throws(
      () => prose`
        \`\`\`sh
        echo
      `,
      /code block is not closed/,
    );
  });
});

describe('file', () => {
  it('drops the first line break, the closing line and the common indentation, keeping the final line break', () => {
    const text = file`
      services:
        app:
          image: alpine:3.20
    `;
    assert.equal(text, 'services:\n  app:\n    image: alpine:3.20\n');
  });

  it('reads the indentation from the lines, not from the closing backtick', () => {
    assert.equal(
      file`
    FROM alpine
      `,
      'FROM alpine\n',
    );
  });

  it('keeps blank lines: an empty one, one at the end, and spaces written as a value', () => {
    const text = file`
      FROM alpine

      RUN id
      ${'   '}
      CMD ["sh"]

    `;
    assert.equal(text, 'FROM alpine\n\nRUN id\n   \nCMD ["sh"]\n\n');
    // A whitespace-only line written in the literal itself, with less than the common indentation, is empty.
    assert.equal(file`\n    a\n  \n    b\n`, 'a\n\nb\n');
    assert.equal(file`\n    a\n      \n    b\n`, 'a\n  \nb\n');
  });

  it('compares indentation character by character: a tab is not a number of spaces', () => {
    // A here-document whose lines `<<-` strips of their tabs: the tabs lie beyond the common indentation.
    assert.equal(file`\n  RUN cat <<-EOF\n  \tline\n  \tEOF\n`, 'RUN cat <<-EOF\n\tline\n\tEOF\n');
    // Lines that share no leading character keep their indentation.
    assert.equal(file`\n\tA\n  B\n`, '\tA\n  B\n');
    assert.equal(file`\n\t\tA\n\tB\n`, '\tA\nB\n');
  });

  it('inserts values as they are, after the indentation is removed', () => {
    const base = 'services:\n  app:\n';
    assert.equal(
      file`
        ${base}    image: alpine
        x-note: ${'  two\n  lines'}
      `,
      'services:\n  app:\n    image: alpine\nx-note:   two\n  lines\n',
    );
    // A value's leading spaces are not indentation: the line it starts still counts with the literal's indentation.
    assert.equal(file`\n    a\n    ${'  b'}\n`, 'a\n  b\n');
  });

  it('reads escapes as any template literal does', () => {
    const text = file`
      RUN echo \`id\` \\
        && echo \${HOME} $PATH
      CMD ["a"]\r
    `;
    assert.equal(text, 'RUN echo `id` \\\n  && echo ${HOME} $PATH\nCMD ["a"]\r\n');
  });

  it('refuses a literal that does not start with a line break or end on a line of its own', () => {
    assert.throws(() => file`FROM alpine\n`, /must start with a line break/);
    assert.throws(() => file`\n  FROM alpine`, /must start with a line break/);
    assert.throws(() => file` \n  FROM alpine\n`, /must start with a line break/);
    assert.throws(() => file``, /must start with a line break/);
  });
});
