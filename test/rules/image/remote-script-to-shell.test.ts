import rule from '../../../shared/src/rules/image/remote-script-to-shell';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nRUN curl -fsSLo /tmp/install.sh https://x/install.sh && sh /tmp/install.sh\n',
    { name: 'a pipe written inside a string', code: 'FROM debian:12\nRUN echo "curl https://x | sh"\n' },
    {
      name: 'a key piped into gpg',
      code: 'FROM debian:12\nRUN curl -fsSL https://x/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg\n',
    },
    {
      name: 'an interpreter that runs its own code and reads the download as data',
      code: 'FROM python:3.12\nRUN curl -s https://api.github.com/repos/a/b/releases/latest | python3 -c "import sys, json; print(json.load(sys.stdin)[\'tag_name\'])"\n',
    },
    {
      name: 'a shell that runs a -c string and reads the download as data',
      code: "FROM debian:12\nRUN curl -fsSL https://x | sh -c 'cat > /tmp/x'\n",
    },
    {
      name: 'wget without -O- writes to a file, so the pipe is empty',
      code: 'FROM debian:12\nRUN wget -q https://x/install.sh | sh\n',
    },
    { name: 'curl -o writes to a file', code: 'FROM debian:12\nRUN curl -fsSL -o /tmp/x.sh https://x | sh\n' },
    {
      name: 'a substitution inside single quotes is only echoed by the inner shell',
      code: "FROM debian:12\nRUN sh -c 'echo $(curl -fsSL https://x)'\n",
    },
    {
      name: 'a download used as an argument, not as code',
      code: 'FROM debian:12\nRUN echo "$(curl -fsSL https://x/VERSION)" > /VERSION\n',
    },
    {
      name: 'a commented-out line inside a continuation',
      code: 'FROM debian:12\nRUN apt-get update \\\n  # curl -fsSL https://x | sh\n  && true\n',
    },
    {
      name: 'the script file is run, not the download',
      code: 'FROM debian:12\nRUN curl -fsSL https://x | tee /tmp/x.sh && bash /tmp/x.sh\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN curl -fsSL https://get.example.com | sh\n',
      findings: [{ messageId: 'pipe', range: '2:5-2:44' }],
    },
    {
      name: 'wget -O- into bash, CRLF line ends',
      code: 'FROM debian:12\r\nRUN wget -O- https://x/i.sh | bash\r\n',
      findings: [{ messageId: 'pipe', range: '2:5-2:35' }],
    },
    {
      name: 'wget -qO- (clustered) through sudo bash -s',
      code: 'FROM debian:12\nRUN wget -qO- https://x | sudo bash -s -- -y\n',
      findings: [{ messageId: 'pipe', range: '2:5-2:36' }],
    },
    {
      name: 'into python3 -, through another filter',
      code: 'FROM python:3.12\nRUN curl -sSL https://install.python-poetry.org | tee /tmp/log | python3 -\n',
      findings: [{ messageId: 'pipe', range: '2:5-2:73' }],
    },
    {
      name: 'bash -c "$(curl …)"',
      code: 'FROM debian:12\nRUN bash -c "$(curl -fsSL https://x)"\n',
      findings: [{ messageId: 'substitution', range: '2:5-2:38' }],
    },
    {
      name: 'process substitution',
      code: 'FROM debian:12\nRUN sh <(curl -fsSL https://x)\n',
      findings: [{ messageId: 'substitution', range: '2:5-2:31' }],
    },
    {
      name: 'python3 -c "$(wget -qO- …)"',
      code: 'FROM python:3.12\nRUN python3 -c "$(wget -qO- https://x/get.py)"\n',
      findings: [{ messageId: 'substitution', range: '2:5-2:47' }],
    },
    {
      name: 'eval of a download in backticks',
      code: 'FROM debian:12\nRUN eval `curl -fsSL https://x`\n',
      findings: [{ messageId: 'substitution', range: '2:5-2:32' }],
    },
    {
      name: 'the pipe continues after a Docker comment line',
      code: 'FROM debian:12\nRUN curl -fsSL https://x \\\n    # fetch the installer\n    | sh\n',
      findings: [{ messageId: 'pipe', range: '2:5-4:9' }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'FROM debian:12\nONBUILD RUN curl -fsSL https://x | sh\n',
      findings: [{ messageId: 'pipe', range: '2:13-2:38' }],
    },
    {
      name: 'exec form with sh -c',
      code: 'FROM debian:12\nRUN ["sh", "-c", "curl -fsSL https://x | sh"]\n',
      findings: [{ messageId: 'pipe', range: '2:19-2:44' }],
    },
    {
      name: 'heredoc script',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\ncurl -fsSL https://x | sh\nEOF\n',
      findings: [{ messageId: 'pipe', range: '4:1-4:26' }],
    },
    {
      name: 'nested: bash -c "$(curl …)" inside sh -c \'…\' is reported once, at the inner bash',
      code: 'FROM debian:12\nRUN sh -c \'bash -c "$(curl -fsSL https://x)"\'\n',
      findings: [{ messageId: 'substitution', range: '2:12-2:45' }],
    },
    {
      name: 'two downloads in one RUN',
      code: 'FROM node:20\nRUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - && wget -qO- https://x | sh\n',
      findings: [
        { messageId: 'pipe', range: '2:5-2:60' },
        { messageId: 'pipe', range: '2:66-2:90' },
      ],
    },
  ],
});
