import rule from '../../../shared/src/rules/image/content-trust-disabled';
import { runRuleTests } from '../../rule-tester';

const title = 'Remove `DOCKER_CONTENT_TRUST`';

runRuleTests(rule, {
  valid: [
    'FROM docker:27-cli\nENV DOCKER_CONTENT_TRUST=1\n',
    {
      name: 'a setting written inside a string',
      code: 'FROM docker:27-cli\nRUN echo "DOCKER_CONTENT_TRUST=0 docker pull x"\n',
    },
    {
      name: 'the option turned off',
      code: 'FROM docker:27-cli\nRUN docker pull --disable-content-trust=false alpine:3.20\n',
    },
    {
      name: 'an ARG before FROM only reaches FROM',
      code: 'ARG DOCKER_CONTENT_TRUST=0\nFROM docker:27-cli\nRUN docker pull alpine:3.20\n',
    },
    { name: 'a value not known', code: 'FROM docker:27-cli\nARG DCT\nENV DOCKER_CONTENT_TRUST=$DCT\n' },
    {
      name: 'another variable',
      code: 'FROM docker:27-cli\nENV DOCKER_CONTENT_TRUST_SERVER=https://notary.example.com\n',
    },
  ],
  invalid: [
    {
      code: 'FROM docker:27-cli\nENV DOCKER_CONTENT_TRUST=0\nRUN docker pull alpine:3.20\n',
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:27',
          fixes: [{ title, safe: false, output: 'FROM docker:27-cli\nRUN docker pull alpine:3.20\n' }],
        },
      ],
    },
    {
      name: 'one pair of several',
      code: 'FROM docker:27-cli\nENV A=1 DOCKER_CONTENT_TRUST=false\n',
      findings: [
        {
          messageId: 'variable',
          range: '2:9-2:35',
          fixes: [{ title, safe: false, output: 'FROM docker:27-cli\nENV A=1\n' }],
        },
      ],
    },
    {
      name: 'the first pair, on a continued ENV with CRLF',
      code: 'FROM docker:27-cli\r\nENV DOCKER_CONTENT_TRUST=0 \\\r\n    A=1\r\n',
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:27',
          fixes: [{ title, safe: false, output: 'FROM docker:27-cli\r\nENV A=1\r\n' }],
        },
      ],
    },
    {
      name: 'an ARG default',
      code: 'FROM docker:27-cli\nARG DOCKER_CONTENT_TRUST=0\n',
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:27',
          fixes: [{ title, safe: false, output: 'FROM docker:27-cli\nARG DOCKER_CONTENT_TRUST\n' }],
        },
      ],
    },
    {
      name: 'a global ARG the stage declares again',
      code: 'ARG DOCKER_CONTENT_TRUST=0\nFROM docker:27-cli\nARG DOCKER_CONTENT_TRUST\n',
      findings: [
        {
          messageId: 'variable',
          range: '1:5-1:27',
          fixes: [
            { title, safe: false, output: 'ARG DOCKER_CONTENT_TRUST\nFROM docker:27-cli\nARG DOCKER_CONTENT_TRUST\n' },
          ],
        },
      ],
    },
    {
      name: 'a command assignment',
      code: 'FROM docker:27-cli\nRUN DOCKER_CONTENT_TRUST=0 docker pull alpine:3.20\n',
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:27',
          fixes: [{ title, safe: false, output: 'FROM docker:27-cli\nRUN docker pull alpine:3.20\n' }],
        },
      ],
    },
    {
      name: 'export goes with its ;',
      code: 'FROM docker:27-cli\nRUN export DOCKER_CONTENT_TRUST=0; docker pull alpine:3.20\n',
      findings: [
        {
          messageId: 'variable',
          range: '2:12-2:34',
          fixes: [{ title, safe: false, output: 'FROM docker:27-cli\nRUN docker pull alpine:3.20\n' }],
        },
      ],
    },
    {
      name: 'export on its own line of a heredoc script',
      code: 'FROM docker:27-cli\nRUN <<EOF\nexport DOCKER_CONTENT_TRUST=0\ndocker pull alpine:3.20\nEOF\n',
      findings: [
        {
          messageId: 'variable',
          range: '3:8-3:30',
          fixes: [{ title, safe: false, output: 'FROM docker:27-cli\nRUN <<EOF\ndocker pull alpine:3.20\nEOF\n' }],
        },
      ],
    },
    {
      name: 'ONBUILD ENV',
      code: 'FROM docker:27-cli\nONBUILD ENV DOCKER_CONTENT_TRUST=0\n',
      findings: [
        { messageId: 'variable', range: '2:13-2:35', fixes: [{ title, safe: false, output: 'FROM docker:27-cli\n' }] },
      ],
    },
    {
      name: '--disable-content-trust',
      code: 'FROM docker:27-cli\nRUN docker pull --disable-content-trust alpine:3.20\n',
      findings: [
        {
          messageId: 'option',
          range: '2:17-2:40',
          fixes: [
            {
              title: 'Remove `--disable-content-trust`',
              safe: false,
              output: 'FROM docker:27-cli\nRUN docker pull alpine:3.20\n',
            },
          ],
        },
      ],
    },
    {
      name: '--disable-content-trust=true in exec form',
      code: 'FROM docker:27-cli\nRUN ["docker", "build", "--disable-content-trust=true", "."]\n',
      findings: [
        {
          messageId: 'option',
          range: '2:25-2:55',
          fixes: [
            {
              title: 'Remove `--disable-content-trust=true`',
              safe: false,
              output: 'FROM docker:27-cli\nRUN ["docker", "build", "."]\n',
            },
          ],
        },
      ],
    },
  ],
});
