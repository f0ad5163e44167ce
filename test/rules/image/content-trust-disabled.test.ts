import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/content-trust-disabled';
import { runRuleTests } from '../../rule-tester';

const title = 'Remove `DOCKER_CONTENT_TRUST`';

runRuleTests(rule, {
  valid: [
    file`
      FROM docker:27-cli
      ENV DOCKER_CONTENT_TRUST=1
    `,
    {
      name: 'a setting written inside a string',
      code: file`
        FROM docker:27-cli
        RUN echo "DOCKER_CONTENT_TRUST=0 docker pull x"
      `,
    },
    {
      name: 'the option turned off',
      code: file`
        FROM docker:27-cli
        RUN docker pull --disable-content-trust=false alpine:3.20
      `,
    },
    {
      name: 'an ARG before FROM only reaches FROM',
      code: file`
        ARG DOCKER_CONTENT_TRUST=0
        FROM docker:27-cli
        RUN docker pull alpine:3.20
      `,
    },
    {
      name: 'a value not known',
      code: file`
        FROM docker:27-cli
        ARG DCT
        ENV DOCKER_CONTENT_TRUST=$DCT
      `,
    },
    {
      name: 'another variable',
      code: file`
        FROM docker:27-cli
        ENV DOCKER_CONTENT_TRUST_SERVER=https://notary.example.com
      `,
    },
  ],
  invalid: [
    {
      code: file`
        FROM docker:27-cli
        ENV DOCKER_CONTENT_TRUST=0
        RUN docker pull alpine:3.20
      `,
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:27',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM docker:27-cli
                RUN docker pull alpine:3.20
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'one pair of several',
      code: file`
        FROM docker:27-cli
        ENV A=1 DOCKER_CONTENT_TRUST=false
      `,
      findings: [
        {
          messageId: 'variable',
          range: '2:9-2:35',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM docker:27-cli
                ENV A=1
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'the first pair, on a continued ENV with CRLF',
      code: file`
        FROM docker:27-cli\r
        ENV DOCKER_CONTENT_TRUST=0 \\\r
            A=1\r
      `,
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:27',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM docker:27-cli\r
                ENV A=1\r
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'an ARG default',
      code: file`
        FROM docker:27-cli
        ARG DOCKER_CONTENT_TRUST=0
      `,
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:27',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM docker:27-cli
                ARG DOCKER_CONTENT_TRUST
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a global ARG the stage declares again',
      code: file`
        ARG DOCKER_CONTENT_TRUST=0
        FROM docker:27-cli
        ARG DOCKER_CONTENT_TRUST
      `,
      findings: [
        {
          messageId: 'variable',
          range: '1:5-1:27',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                ARG DOCKER_CONTENT_TRUST
                FROM docker:27-cli
                ARG DOCKER_CONTENT_TRUST
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a command assignment',
      code: file`
        FROM docker:27-cli
        RUN DOCKER_CONTENT_TRUST=0 docker pull alpine:3.20
      `,
      findings: [
        {
          messageId: 'variable',
          range: '2:5-2:27',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM docker:27-cli
                RUN docker pull alpine:3.20
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'export goes with its ;',
      code: file`
        FROM docker:27-cli
        RUN export DOCKER_CONTENT_TRUST=0; docker pull alpine:3.20
      `,
      findings: [
        {
          messageId: 'variable',
          range: '2:12-2:34',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM docker:27-cli
                RUN docker pull alpine:3.20
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'export on its own line of a heredoc script',
      code: file`
        FROM docker:27-cli
        RUN <<EOF
        export DOCKER_CONTENT_TRUST=0
        docker pull alpine:3.20
        EOF
      `,
      findings: [
        {
          messageId: 'variable',
          range: '3:8-3:30',
          fixes: [
            {
              title,
              safe: false,
              output: file`
                FROM docker:27-cli
                RUN <<EOF
                docker pull alpine:3.20
                EOF
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'ONBUILD ENV',
      code: file`
        FROM docker:27-cli
        ONBUILD ENV DOCKER_CONTENT_TRUST=0
      `,
      findings: [
        { messageId: 'variable', range: '2:13-2:35', fixes: [{ title, safe: false, output: 'FROM docker:27-cli\n' }] },
      ],
    },
    {
      name: '--disable-content-trust',
      code: file`
        FROM docker:27-cli
        RUN docker pull --disable-content-trust alpine:3.20
      `,
      findings: [
        {
          messageId: 'option',
          range: '2:17-2:40',
          fixes: [
            {
              title: 'Remove `--disable-content-trust`',
              safe: false,
              output: file`
                FROM docker:27-cli
                RUN docker pull alpine:3.20
              `,
            },
          ],
        },
      ],
    },
    {
      name: '--disable-content-trust=true in exec form',
      code: file`
        FROM docker:27-cli
        RUN ["docker", "build", "--disable-content-trust=true", "."]
      `,
      findings: [
        {
          messageId: 'option',
          range: '2:25-2:55',
          fixes: [
            {
              title: 'Remove `--disable-content-trust=true`',
              safe: false,
              output: file`
                FROM docker:27-cli
                RUN ["docker", "build", "."]
              `,
            },
          ],
        },
      ],
    },
  ],
});
