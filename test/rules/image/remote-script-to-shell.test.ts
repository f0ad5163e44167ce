import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/remote-script-to-shell';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    file`
      FROM debian:12
      RUN curl -fsSLo /tmp/install.sh https://x/install.sh && sh /tmp/install.sh
    `,
    {
      name: 'a pipe written inside a string',
      code: file`
        FROM debian:12
        RUN echo "curl https://x | sh"
      `,
    },
    {
      name: 'a key piped into gpg',
      code: file`
        FROM debian:12
        RUN curl -fsSL https://x/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg
      `,
    },
    {
      name: 'an interpreter that runs its own code and reads the download as data',
      code: file`
        FROM python:3.12
        RUN curl -s https://api.github.com/repos/a/b/releases/latest | python3 -c "import sys, json; print(json.load(sys.stdin)['tag_name'])"
      `,
    },
    {
      name: 'a shell that runs a -c string and reads the download as data',
      code: file`
        FROM debian:12
        RUN curl -fsSL https://x | sh -c 'cat > /tmp/x'
      `,
    },
    {
      name: 'wget without -O- writes to a file, so the pipe is empty',
      code: file`
        FROM debian:12
        RUN wget -q https://x/install.sh | sh
      `,
    },
    {
      name: 'curl -o writes to a file',
      code: file`
        FROM debian:12
        RUN curl -fsSL -o /tmp/x.sh https://x | sh
      `,
    },
    {
      name: 'a substitution inside single quotes is only echoed by the inner shell',
      code: file`
        FROM debian:12
        RUN sh -c 'echo $(curl -fsSL https://x)'
      `,
    },
    {
      name: 'a download used as an argument, not as code',
      code: file`
        FROM debian:12
        RUN echo "$(curl -fsSL https://x/VERSION)" > /VERSION
      `,
    },
    {
      name: 'a commented-out line inside a continuation',
      code: file`
        FROM debian:12
        RUN apt-get update \\
          # curl -fsSL https://x | sh
          && true
      `,
    },
    {
      name: 'the script file is run, not the download',
      code: file`
        FROM debian:12
        RUN curl -fsSL https://x | tee /tmp/x.sh && bash /tmp/x.sh
      `,
    },
  ],
  invalid: [
    {
      code: file`
        FROM debian:12
        RUN curl -fsSL https://get.example.com | sh
      `,
      findings: [{ messageId: 'pipe', range: '2:5-2:44' }],
    },
    {
      name: 'wget -O- into bash, CRLF line ends',
      code: file`
        FROM debian:12\r
        RUN wget -O- https://x/i.sh | bash\r
      `,
      findings: [{ messageId: 'pipe', range: '2:5-2:35' }],
    },
    {
      name: 'wget -qO- (clustered) through sudo bash -s',
      code: file`
        FROM debian:12
        RUN wget -qO- https://x | sudo bash -s -- -y
      `,
      findings: [{ messageId: 'pipe', range: '2:5-2:36' }],
    },
    {
      name: 'into python3 -, through another filter',
      code: file`
        FROM python:3.12
        RUN curl -sSL https://install.python-poetry.org | tee /tmp/log | python3 -
      `,
      findings: [{ messageId: 'pipe', range: '2:5-2:73' }],
    },
    {
      name: 'bash -c "$(curl …)"',
      code: file`
        FROM debian:12
        RUN bash -c "$(curl -fsSL https://x)"
      `,
      findings: [{ messageId: 'substitution', range: '2:5-2:38' }],
    },
    {
      name: 'process substitution',
      code: file`
        FROM debian:12
        RUN sh <(curl -fsSL https://x)
      `,
      findings: [{ messageId: 'substitution', range: '2:5-2:31' }],
    },
    {
      name: 'python3 -c "$(wget -qO- …)"',
      code: file`
        FROM python:3.12
        RUN python3 -c "$(wget -qO- https://x/get.py)"
      `,
      findings: [{ messageId: 'substitution', range: '2:5-2:47' }],
    },
    {
      name: 'eval of a download in backticks',
      code: file`
        FROM debian:12
        RUN eval \`curl -fsSL https://x\`
      `,
      findings: [{ messageId: 'substitution', range: '2:5-2:32' }],
    },
    {
      name: 'the pipe continues after a Docker comment line',
      code: file`
        FROM debian:12
        RUN curl -fsSL https://x \\
            # fetch the installer
            | sh
      `,
      findings: [{ messageId: 'pipe', range: '2:5-4:9' }],
    },
    {
      name: 'ONBUILD RUN',
      code: file`
        FROM debian:12
        ONBUILD RUN curl -fsSL https://x | sh
      `,
      findings: [{ messageId: 'pipe', range: '2:13-2:38' }],
    },
    {
      name: 'exec form with sh -c',
      code: file`
        FROM debian:12
        RUN ["sh", "-c", "curl -fsSL https://x | sh"]
      `,
      findings: [{ messageId: 'pipe', range: '2:19-2:44' }],
    },
    {
      name: 'heredoc script',
      code: file`
        FROM debian:12
        RUN <<EOF
        set -e
        curl -fsSL https://x | sh
        EOF
      `,
      findings: [{ messageId: 'pipe', range: '4:1-4:26' }],
    },
    {
      name: 'nested: bash -c "$(curl …)" inside sh -c \'…\' is reported once, at the inner bash',
      code: file`
        FROM debian:12
        RUN sh -c 'bash -c "$(curl -fsSL https://x)"'
      `,
      findings: [{ messageId: 'substitution', range: '2:12-2:45' }],
    },
    {
      name: 'two downloads in one RUN',
      code: file`
        FROM node:20
        RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - && wget -qO- https://x | sh
      `,
      findings: [
        { messageId: 'pipe', range: '2:5-2:60' },
        { messageId: 'pipe', range: '2:66-2:90' },
      ],
    },
  ],
});
