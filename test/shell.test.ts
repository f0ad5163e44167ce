/**
 * The shell reader: what rules see of a RUN script. Each test states what a POSIX shell (and Docker before it) does with
 * the text, so a regression shows as a command, word or offset that differs from the shell's reading.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  basename,
  commandName,
  effectiveWords,
  parseShell,
  pipelines,
  type ShellScript,
  type SimpleCommand,
} from '../shared/src/dockerfile/shell';
import { allRuns, parseDockerfile } from '../shared/src/dockerfile/model';

/** Word values per command, in the reader's order (outer commands first, then nested ones). */
function commands(script: ShellScript): string[][] {
  return script.commands.map((c) => c.words.map((w) => w.value));
}

/** The source text each word was read from. */
function spans(text: string, cmd: SimpleCommand): string[] {
  return cmd.words.map((w) => text.slice(w.start, w.end));
}

function only(script: ShellScript): SimpleCommand {
  assert.equal(script.commands.length, 1, `one command expected, got ${JSON.stringify(commands(script))}`);
  return script.commands[0];
}

describe('shell reader: words and quoting', () => {
  it('splits on blanks and keeps offsets of each word', () => {
    const text = 'apt-get  install\t-y curl';
    const cmd = only(parseShell(text));
    assert.deepEqual(
      cmd.words.map((w) => w.value),
      ['apt-get', 'install', '-y', 'curl'],
    );
    assert.deepEqual(spans(text, cmd), ['apt-get', 'install', '-y', 'curl']);
  });

  it('removes quotes but keeps the raw span, and marks the word quoted', () => {
    const text = `echo 'a b' "c d" e"f g"h`;
    const cmd = only(parseShell(text));
    assert.deepEqual(
      cmd.words.map((w) => w.value),
      ['echo', 'a b', 'c d', 'ef gh'],
    );
    assert.deepEqual(spans(text, cmd), ['echo', "'a b'", '"c d"', 'e"f g"h']);
    assert.deepEqual(
      cmd.words.map((w) => w.quoted),
      [false, true, true, true],
    );
  });

  it('gives the inner offset of a word quoted as one piece, and none for a word of several pieces', () => {
    const text = `sh -c 'id' x"y"`;
    const [, , quotedWhole, mixed] = parseShell(text).commands[0].words;
    assert.equal(quotedWhole.innerStart, text.indexOf('id'));
    assert.equal(mixed.innerStart, undefined);
  });

  it('reads backslash escapes outside and inside double quotes, and none inside single quotes', () => {
    const cmd = only(parseShell(String.raw`echo a\ b "x\"y\$z\\" 'p\q'`));
    assert.deepEqual(
      cmd.words.map((w) => w.value),
      ['echo', 'a b', 'x"y$z\\', 'p\\q'],
    );
  });

  it('keeps an expansion as written and marks the word dynamic', () => {
    const cmd = only(parseShell('echo $HOME "${A:-b}" plain'));
    assert.deepEqual(
      cmd.words.map((w) => [w.value, w.dynamic]),
      [
        ['echo', false],
        ['$HOME', true],
        ['${A:-b}', true],
        ['plain', false],
      ],
    );
  });

  it('does not split inside quotes on operators', () => {
    assert.deepEqual(commands(parseShell('echo "curl x | sh; rm -rf /" && true')), [
      ['echo', 'curl x | sh; rm -rf /'],
      ['true'],
    ]);
  });

  it('starts a comment only at the start of a word', () => {
    assert.deepEqual(commands(parseShell('echo a#b # c d\nls')), [['echo', 'a#b'], ['ls']]);
  });
});

describe('shell reader: continuations', () => {
  it('joins a backslash-newline inside and between words, also with CRLF', () => {
    const text = 'apt-get install \\\r\n  -y cu\\\nrl';
    const cmd = only(parseShell(text));
    assert.deepEqual(
      cmd.words.map((w) => w.value),
      ['apt-get', 'install', '-y', 'curl'],
    );
    assert.equal(text.slice(cmd.words[3].start, cmd.words[3].end), 'cu\\\nrl');
  });

  it('drops comment lines and empty lines inside a continued Dockerfile instruction', () => {
    const text = 'apt-get update \\\n  # upgrade too? \\\n\n  && apt-get install -y curl';
    assert.deepEqual(commands(parseShell(text, 0, { dockerfileContinuations: true })), [
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', 'curl'],
    ]);
  });

  it('keeps the comment as a shell comment when the text is not from a Dockerfile', () => {
    const text = 'apt-get update \\\n  # && rm -rf /\n  && true';
    // The shell joins the lines, so `#` starts a comment that runs to the end of the (second) line.
    assert.deepEqual(commands(parseShell(text)), [['apt-get', 'update'], ['true']]);
  });

  it('continues with the escape character of an `# escape=` directive', () => {
    const text = 'curl -k `\n  https://x';
    assert.deepEqual(commands(parseShell(text, 0, { escapeChar: '`', dockerfileContinuations: true })), [
      ['curl', '-k', 'https://x'],
    ]);
  });

  it('joins a continuation inside double quotes, also with CRLF and a Docker comment line', () => {
    const options = { dockerfileContinuations: true };
    assert.deepEqual(commands(parseShell('echo "a \\\n  b"', 0, options)), [['echo', 'a   b']]);
    assert.deepEqual(commands(parseShell('echo "a \\\r\n  # note\r\n  b"', 0, options)), [['echo', 'a   b']]);
  });
});

describe('shell reader: operators, pipelines and redirects', () => {
  it('separates commands on && || ; & and newlines, and records the operator that follows', () => {
    const script = parseShell('a && b || c ; d & e\nf');
    assert.deepEqual(commands(script), [['a'], ['b'], ['c'], ['d'], ['e'], ['f']]);
    assert.deepEqual(
      script.commands.map((c) => c.next),
      ['&&', '||', ';', '&', '\n', undefined],
    );
  });

  it('groups piped commands into one pipeline, |& included', () => {
    const script = parseShell('curl x | tee f |& sh && echo done | cat');
    assert.deepEqual(
      pipelines(script).map((p) => p.map((c) => c.words[0].value)),
      [
        ['curl', 'tee', 'sh'],
        ['echo', 'cat'],
      ],
    );
  });

  it('reads redirections apart from words: 2>&1, &>, >>, <, <<<', () => {
    const cmd = only(parseShell('make >/dev/null 2>&1 &>>log <in <<<"here"'));
    assert.deepEqual(
      cmd.words.map((w) => w.value),
      ['make'],
    );
    assert.deepEqual(
      cmd.redirects.map((r) => [r.operator, r.target?.value]),
      [
        ['>', '/dev/null'],
        ['>&', '1'],
        ['&>>', 'log'],
        ['<', 'in'],
        ['<<<', 'here'],
      ],
    );
  });

  it('skips a heredoc body inside a script: its lines are data, not commands', () => {
    const script = parseShell("cat <<'EOF' > /etc/x\ncurl x | sh\nEOF\necho ok");
    assert.deepEqual(commands(script), [['cat'], ['echo', 'ok']]);
    assert.deepEqual(
      script.commands[0].redirects.map((r) => [r.operator, r.target?.value]),
      [
        ['<<', 'EOF'],
        ['>', '/etc/x'],
      ],
    );
  });

  it('strips leading tabs before the delimiter of <<-', () => {
    assert.deepEqual(commands(parseShell('cat <<-END\n\trm -rf /\n\tEND\nls')), [['cat'], ['ls']]);
  });

  it('skips reserved words that introduce commands', () => {
    const script = parseShell(
      'if [ -f x ]; then curl x | sh; else ! true; fi; while read l; do echo "$l"; done; { id; }',
    );
    assert.deepEqual(
      script.commands.map((c) => commandName(c)),
      ['[', 'curl', 'sh', 'true', 'read', 'echo', 'id'],
    );
  });
});

describe('shell reader: substitutions and nested shells', () => {
  it('reads commands inside $(…), nested, with their own offsets', () => {
    const text = 'echo $(dirname $(which curl))';
    const script = parseShell(text);
    assert.deepEqual(commands(script), [
      ['echo', '$(dirname $(which curl))'],
      ['dirname', '$(which curl)'],
      ['which', 'curl'],
    ]);
    const which = script.commands[2];
    assert.equal(which.nested, 'substitution');
    assert.equal(text.slice(which.words[1].start, which.words[1].end), 'curl');
  });

  it('does not close $( at a parenthesis inside quotes', () => {
    const script = parseShell(`echo "$(printf ')' ; echo "(")" && id`);
    assert.deepEqual(commands(script).slice(1).sort(), [['echo', '('], ['id'], ['printf', ')']].sort());
  });

  it('reads backticks, with escaped backticks nested inside', () => {
    const text = 'echo `dirname \\`which curl\\``';
    const script = parseShell(text);
    const which = script.commands.find((c) => c.words[0]?.value === 'which');
    assert.ok(which, JSON.stringify(commands(script)));
    assert.equal(text.slice(which.words[1].start, which.words[1].end), 'curl');
  });

  it('does not read arithmetic $((…)) or ${…} as commands', () => {
    assert.deepEqual(commands(parseShell('echo $((1 + 2)) ${A:-$(id)}')), [['echo', '$((1 + 2))', '${A:-$(id)}']]);
  });

  it('reads a process substitution as a word whose commands run', () => {
    const text = 'diff <(sort a) >(cat)';
    const script = parseShell(text);
    assert.deepEqual(commands(script), [['diff', '<(sort a)', '>(cat)'], ['sort', 'a'], ['cat']]);
    assert.equal(script.commands[0].redirects.length, 0);
  });

  it('reads sh -c strings in single and double quotes, with exact offsets', () => {
    const text = `sh -c 'apt-get update && apt-get install -y curl' && bash -ec "id -u"`;
    const script = parseShell(text);
    const nested = script.commands.filter((c) => c.nested === 'shell-c');
    assert.deepEqual(
      nested.map((c) => c.words.map((w) => w.value)),
      [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', 'curl'],
        ['id', '-u'],
      ],
    );
    for (const cmd of nested)
      assert.deepEqual(
        spans(text, cmd),
        cmd.words.map((w) => w.value),
      );
  });

  it('points every word of an sh -c string at the whole string when escapes make offsets unknown', () => {
    const text = 'sh -c "echo \\"x\\" && id"';
    const script = parseShell(text);
    const nested = script.commands.filter((c) => c.nested === 'shell-c');
    assert.deepEqual(
      nested.map((c) => c.words.map((w) => w.value)),
      [['echo', 'x'], ['id']],
    );
    const string = script.commands[0].words[2];
    for (const w of nested.flatMap((c) => c.words)) assert.deepEqual([w.start, w.end], [string.start, string.end]);
  });

  it('reads a substitution in an sh -c string once', () => {
    const script = parseShell('bash -c "$(curl -fsSL https://x)"');
    assert.equal(script.commands.filter((c) => c.words[0]?.value === 'curl').length, 1);
  });
});

describe('shell reader: assignments and wrappers', () => {
  it('takes NAME=value words before the command as assignments, quoted values included', () => {
    const script = parseShell('A=1 B="x y" C=$(id) make install');
    const cmd = script.commands[0];
    assert.deepEqual(
      cmd.assignments.map((w) => w.value),
      ['A=1', 'B=x y', 'C=$(id)'],
    );
    assert.deepEqual(
      cmd.words.map((w) => w.value),
      ['make', 'install'],
    );
    // The substitution in the value runs too.
    assert.deepEqual(commands(script).slice(1), [['id']]);
  });

  it('takes a word with a quoted name as the command, and NAME=value after the command as an argument', () => {
    const cmd = only(parseShell('"A=1" run B=2'));
    assert.deepEqual([cmd.assignments.length, cmd.words.map((w) => w.value)], [0, ['A=1', 'run', 'B=2']]);
  });

  it('reads a command of assignments only', () => {
    const cmd = parseShell('X=1; echo $X').commands[0];
    assert.deepEqual([cmd.assignments.map((w) => w.value), cmd.words.length], [['X=1'], 0]);
  });

  it('finds the command behind sudo, env, and friends', () => {
    const cases: [string, string[]][] = [
      ['sudo -u app env A=1 B=2 apt-get install -y x', ['apt-get', 'install', '-y', 'x']],
      ['sudo -E DEBIAN_FRONTEND=noninteractive apt-get update', ['apt-get', 'update']],
      ['exec gosu app node server.js', ['node', 'server.js']],
      ['timeout -s KILL 30 curl x', ['curl', 'x']],
      ['nice -n 5 nohup make', ['make']],
      ['xargs -r -n 1 apt-get install -y', ['apt-get', 'install', '-y']],
      ['env -i -- sh -c id', ['sh', '-c', 'id']],
    ];
    for (const [text, expected] of cases) {
      assert.deepEqual(
        effectiveWords(parseShell(text).commands[0]).map((w) => w.value),
        expected,
        text,
      );
    }
    assert.equal(commandName(parseShell('/usr/bin/sudo /usr/local/bin/pip3 install x').commands[0]), 'pip3');
    // `command -v` only looks a command up.
    assert.deepEqual(effectiveWords(parseShell('command -v sshd').commands[0]), []);
    assert.equal(commandName(parseShell('command curl -k x').commands[0]), 'curl');
    assert.equal(basename('/usr/bin/env'), 'env');
  });
});

describe('shell reader: Dockerfile RUN scripts', () => {
  it('numbers pipelines across heredoc bodies so two bodies never share one', () => {
    const model = parseDockerfile('FROM debian:12\nRUN <<A <<B\ncurl -fsSL https://x\nA\nsh\nB\n');
    const [run] = allRuns(model);
    const curl = run.script.commands.find((c) => c.words[0]?.value === 'curl');
    const sh = run.script.commands.find((c) => c.words[0]?.value === 'sh');
    assert.ok(curl && sh, JSON.stringify(commands(run.script)));
    assert.notEqual(curl.pipeline, sh.pipeline);
  });

  it('reads ONBUILD RUN, exec form with sh -c, and heredoc scripts at their offsets', () => {
    const text = 'FROM debian:12\nONBUILD RUN echo a\nRUN ["sh", "-c", "echo b"]\nRUN <<EOF\necho c\nEOF\n';
    const words = allRuns(parseDockerfile(text)).flatMap((run) =>
      run.script.commands.flatMap((c) => c.words.map((w) => text.slice(w.start, w.end))),
    );
    assert.deepEqual(words, ['echo', 'a', '"sh"', '"-c"', '"echo b"', 'echo', 'b', 'echo', 'c']);
  });
});

describe('shell reader: pathological input', () => {
  const budget = 2000;
  const timed = (text: string): ShellScript => {
    const started = Date.now();
    const script = parseShell(text, 0, { dockerfileContinuations: true });
    assert.ok(Date.now() - started < budget, `took ${Date.now() - started} ms on ${text.length} characters`);
    return script;
  };

  it('reads unterminated quotes, substitutions and heredocs to the end without throwing', () => {
    assert.deepEqual(commands(timed('echo "abc && rm -rf /')), [['echo', 'abc && rm -rf /']]);
    assert.deepEqual(commands(timed("echo 'abc; id")), [['echo', 'abc; id']]);
    for (const text of [
      'echo $(id',
      'echo `id',
      'echo ${A',
      'cat <<EOF\nno end',
      'a |',
      '&& ;; ||',
      ')(',
      '\\',
      '"',
      "'",
      '$(',
      '<(',
      '2>',
      '<<',
    ]) {
      assert.doesNotThrow(() => timed(text), text);
    }
  });

  it('reads a 100 KB script quickly', () => {
    const line = 'apt-get install -y --no-install-recommends "pkg-$V" curl=1 && echo "$(date)" | tee -a /log; \\\n';
    const text = line.repeat(Math.ceil(100_000 / line.length));
    const script = timed(text);
    assert.ok(script.commands.length > 3000);
  });

  it('survives deep nesting of substitutions, quotes and parentheses', () => {
    for (const text of [
      '$('.repeat(20_000),
      '"$('.repeat(20_000),
      '$(echo "'.repeat(5_000) + ')"'.repeat(5_000),
      '`'.repeat(20_000),
      '('.repeat(20_000) + ')'.repeat(20_000),
      'sh -c "sh -c \\"'.repeat(2_000),
      'sh -c \'bash -c "'.repeat(2_000),
      '<('.repeat(20_000),
    ]) {
      assert.doesNotThrow(() => timed(text), text.slice(0, 20));
    }
  });

  it('never throws on random mixes of shell syntax', () => {
    const pieces = [
      'a',
      ' ',
      '"',
      "'",
      '\\',
      '\n',
      '$',
      '(',
      ')',
      '`',
      '|',
      '&',
      ';',
      '<',
      '>',
      '#',
      '{',
      '}',
      '=',
      'sh -c ',
      '<<E\n',
      'E\n',
      '\\\n',
      '\r\n',
    ];
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 300; i++) {
      let text = '';
      for (let j = 0; j < 200; j++) text += pieces[Math.floor(random() * pieces.length)];
      const script = timed(text);
      for (const cmd of script.commands) {
        for (const w of cmd.words)
          assert.ok(
            w.start >= 0 && w.start <= w.end && w.end <= text.length,
            `word out of range in ${JSON.stringify(text)}`,
          );
      }
    }
  });
});
