import rule from '../../../shared/src/rules/image/shell-in-shell-less-stage';
import { runRuleTests } from '../../rule-tester';

const STATIC = 'gcr.io/distroless/static-debian12:nonroot';

runRuleTests(rule, {
  valid: [
    `FROM ${STATIC}\nCOPY app /app\nCMD ["/app"]\n`,
    {
      name: 'exec-form RUN of a program the image has',
      code: 'FROM gcr.io/distroless/java21-debian12\nRUN ["java", "Setup.java"]\nCMD ["app.jar"]\n',
    },
    {
      name: 'distroless debug images carry busybox',
      code: 'FROM gcr.io/distroless/base-debian12:debug\nRUN echo ok\n',
    },
    { name: 'full OS images have a shell', code: 'FROM debian:12\nRUN echo hi\nCMD echo hi\n' },
    {
      name: 'a shell copied in',
      code: 'FROM scratch\nCOPY --from=busybox:1.36 /bin/busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nRUN echo hi\n',
    },
    {
      name: 'a shell copied in after CMD is there when the container starts',
      code: 'FROM scratch\nCMD /bin/app --serve\nCOPY --from=busybox:1.36 /bin/busybox /bin/sh\n',
    },
    { name: 'a whole tree copied to /', code: 'FROM scratch\nCOPY --from=builder / /\nRUN echo hi\n' },
    {
      name: 'a copy into a folder held in a variable',
      code: 'FROM scratch\nARG BIN=/bin\nCOPY --from=busybox:1.36 /bin/ ${BIN}\nRUN echo hi\n',
    },
    {
      name: 'a CMD that is only arguments to an ENTRYPOINT',
      code: `FROM ${STATIC}\nENTRYPOINT ["/app"]\nCMD ["sh"]\n`,
    },
    { name: 'a base image only known at build time', code: 'ARG BASE\nFROM $BASE\nRUN echo hi\n' },
    {
      name: 'exec-form HEALTHCHECK and HEALTHCHECK NONE',
      code: 'FROM scratch\nCOPY app /app\nHEALTHCHECK CMD ["/app", "health"]\nHEALTHCHECK NONE\nENTRYPOINT ["/app"]\n',
    },
    {
      name: 'a full OS stage built after a distroless one',
      code: `FROM ${STATIC} AS runtime\nFROM debian:12\nRUN echo hi\n`,
    },
  ],
  invalid: [
    {
      name: 'files copied elsewhere bring no shell, and a shell copied after the RUN comes too late',
      code: 'FROM scratch\nCOPY --from=alpine /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nRUN /app/init\nCOPY --from=busybox:1.36 /bin/sh /bin/sh\n',
      findings: [
        {
          messageId: 'shellRun',
          range: '3:1-3:4',
          fixes: [
            {
              title: 'Write RUN in exec form: `["/app/init"]`',
              safe: true,
              output:
                'FROM scratch\nCOPY --from=alpine /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nRUN ["/app/init"]\nCOPY --from=busybox:1.36 /bin/sh /bin/sh\n',
            },
          ],
        },
      ],
    },
    {
      name: 'shell-form CMD of plain words',
      code: `FROM ${STATIC}\nCOPY app /app\nCMD /app\n`,
      findings: [
        {
          messageId: 'shellStart',
          range: '3:1-3:4',
          fixes: [
            {
              title: 'Write CMD in exec form: `["/app"]`',
              safe: true,
              output: `FROM ${STATIC}\nCOPY app /app\nCMD ["/app"]\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'a package manager in shell form',
      code: 'FROM gcr.io/distroless/nodejs22-debian12\nRUN npm ci\n',
      findings: [{ messageId: 'shellRun', range: '2:1-2:4', fixes: [] }],
    },
    {
      name: 'a HEALTHCHECK with shell operators',
      code: 'FROM scratch\nCOPY app /app\nHEALTHCHECK --interval=5s CMD /app --health || exit 1\nENTRYPOINT ["/app"]\n',
      findings: [{ messageId: 'shellHealthcheck', range: '3:1-3:12', fixes: [] }],
    },
    {
      name: 'a plain HEALTHCHECK keeps its options',
      code: 'FROM scratch\nCOPY app /app\nHEALTHCHECK --interval=5s CMD /app --health\nENTRYPOINT ["/app"]\n',
      findings: [
        {
          messageId: 'shellHealthcheck',
          range: '3:1-3:12',
          fixes: [
            {
              title: 'Write HEALTHCHECK CMD in exec form: `["/app", "--health"]`',
              safe: true,
              output:
                'FROM scratch\nCOPY app /app\nHEALTHCHECK --interval=5s CMD ["/app", "--health"]\nENTRYPOINT ["/app"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'curl in an exec-form HEALTHCHECK',
      code: `FROM ${STATIC}\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n`,
      findings: [{ messageId: 'missingProgramHealthcheck', range: '2:17-2:52', fixes: [] }],
    },
    {
      name: 'node drops its name on the Node.js image, whose ENTRYPOINT is node',
      code: 'FROM gcr.io/distroless/nodejs22-debian12:nonroot\nWORKDIR /app\nCOPY . .\nCMD node server.js\n',
      findings: [
        {
          messageId: 'shellStart',
          range: '4:1-4:4',
          fixes: [
            {
              title: 'Write CMD in exec form: `["server.js"]`',
              safe: true,
              output: 'FROM gcr.io/distroless/nodejs22-debian12:nonroot\nWORKDIR /app\nCOPY . .\nCMD ["server.js"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'java -jar on the Java image, whose ENTRYPOINT is java -jar',
      code: 'FROM gcr.io/distroless/java21-debian12\nCOPY app.jar /app.jar\nCMD java -jar /app.jar --port 8080\n',
      findings: [
        {
          messageId: 'shellStart',
          range: '3:1-3:4',
          fixes: [
            {
              title: 'Write CMD in exec form: `["/app.jar", "--port", "8080"]`',
              safe: true,
              output:
                'FROM gcr.io/distroless/java21-debian12\nCOPY app.jar /app.jar\nCMD ["/app.jar", "--port", "8080"]\n',
            },
          ],
        },
      ],
    },
    {
      name: "python options stay as arguments of the image's python",
      code: 'FROM gcr.io/distroless/python3-debian12\nCMD exec python3 -u main.py\n',
      findings: [
        {
          messageId: 'shellStart',
          range: '2:1-2:4',
          fixes: [
            {
              title: 'Write CMD in exec form: `["-u", "main.py"]`',
              safe: true,
              output: 'FROM gcr.io/distroless/python3-debian12\nCMD ["-u", "main.py"]\n',
            },
          ],
        },
      ],
    },
    {
      name: "a program other than the interpreter cannot follow the interpreter image's ENTRYPOINT",
      code: 'FROM gcr.io/distroless/nodejs22-debian12\nCMD /app/server\n',
      findings: [{ messageId: 'shellStart', range: '2:1-2:4', fixes: [] }],
    },
    {
      name: 'a shell-form CMD after an exec-form ENTRYPOINT becomes its arguments',
      code: `FROM ${STATIC}\nENTRYPOINT ["/app"]\nCMD --port 8080\n`,
      findings: [
        {
          messageId: 'shellStart',
          range: '3:1-3:4',
          fixes: [
            {
              title: 'Write CMD in exec form: `["--port", "8080"]`',
              safe: true,
              output: `FROM ${STATIC}\nENTRYPOINT ["/app"]\nCMD ["--port", "8080"]\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'a shell called in exec form',
      code: 'FROM scratch\nRUN ["/bin/sh", "-c", "echo hi"]\nENTRYPOINT ["sh", "-c", "exec /app"]\n',
      findings: [
        { messageId: 'missingProgramRun', range: '2:6-2:15', fixes: [] },
        { messageId: 'missingProgramStart', range: '3:13-3:17', fixes: [] },
      ],
    },
    {
      name: 'an exec-form CMD calling bash with no ENTRYPOINT',
      code: `FROM ${STATIC}\nCMD ["bash"]\n`,
      findings: [{ messageId: 'missingProgramStart', range: '2:6-2:12', fixes: [] }],
    },
    {
      name: 'a heredoc',
      code: 'FROM scratch\nRUN <<EOF\n/app --init\nEOF\nCMD ["/app"]\n',
      findings: [{ messageId: 'shellRun', range: '2:1-2:4', fixes: [] }],
    },
    {
      name: 'ONBUILD RUN fails in every child image too',
      code: `FROM ${STATIC}\nONBUILD RUN /app/migrate --up\n`,
      findings: [
        {
          messageId: 'shellRun',
          range: '2:9-2:12',
          fixes: [
            {
              title: 'Write RUN in exec form: `["/app/migrate", "--up"]`',
              safe: true,
              output: `FROM ${STATIC}\nONBUILD RUN ["/app/migrate", "--up"]\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'a shell-less build stage and a stage built on it',
      code: 'FROM gcr.io/distroless/base-debian12 AS rt\nRUN /app/setup\nFROM rt\nCMD /app/run --port 80\n',
      findings: [
        {
          messageId: 'shellRun',
          range: '2:1-2:4',
          fixes: [
            {
              title: 'Write RUN in exec form: `["/app/setup"]`',
              safe: true,
              output:
                'FROM gcr.io/distroless/base-debian12 AS rt\nRUN ["/app/setup"]\nFROM rt\nCMD /app/run --port 80\n',
            },
          ],
        },
        {
          messageId: 'shellStart',
          range: '4:1-4:4',
          fixes: [
            {
              title: 'Write CMD in exec form: `["/app/run", "--port", "80"]`',
              safe: true,
              output:
                'FROM gcr.io/distroless/base-debian12 AS rt\nRUN /app/setup\nFROM rt\nCMD ["/app/run", "--port", "80"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'CRLF and a backtick continuation',
      code: '# escape=`\r\nFROM scratch\r\nCOPY app /app\r\nENTRYPOINT /app `\r\n  --verbose\r\n',
      findings: [
        {
          messageId: 'shellStart',
          range: '4:1-4:11',
          fixes: [
            {
              title: 'Write ENTRYPOINT in exec form: `["/app", "--verbose"]`',
              safe: true,
              output: '# escape=`\r\nFROM scratch\r\nCOPY app /app\r\nENTRYPOINT ["/app", "--verbose"]\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'the base image from an ARG default',
      code: `ARG RUNTIME=${STATIC}\nFROM \${RUNTIME}\nCOPY app /app\nCMD exec /app\n`,
      findings: [
        {
          messageId: 'shellStart',
          range: '4:1-4:4',
          fixes: [
            {
              title: 'Write CMD in exec form: `["/app"]`',
              safe: true,
              output: `ARG RUNTIME=${STATIC}\nFROM \${RUNTIME}\nCOPY app /app\nCMD ["/app"]\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'redirects need a shell',
      code: `FROM ${STATIC}\nCMD /app > /tmp/log\n`,
      findings: [{ messageId: 'shellStart', range: '2:1-2:4', fixes: [] }],
    },
    {
      name: 'quoted words are unquoted as the shell would',
      code: `FROM ${STATIC}\nCMD /app "--name=my app" 'it''s'\n`,
      findings: [
        {
          messageId: 'shellStart',
          range: '2:1-2:4',
          fixes: [
            {
              title: 'Write CMD in exec form: `["/app", "--name=my app", "its"]`',
              safe: true,
              output: `FROM ${STATIC}\nCMD ["/app", "--name=my app", "its"]\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'an unquoted glob needs a shell',
      code: `FROM ${STATIC}\nCMD /app /data/*.json\n`,
      findings: [{ messageId: 'shellStart', range: '2:1-2:4', fixes: [] }],
    },
    {
      name: 'an ENTRYPOINT naming the interpreter may not find it on PATH',
      code: 'FROM gcr.io/distroless/nodejs22-debian12\nENTRYPOINT node server.js\n',
      findings: [{ messageId: 'shellStart', range: '2:1-2:11', fixes: [] }],
    },
    {
      name: 'java is on PATH in the Java image',
      code: 'FROM gcr.io/distroless/java21-debian12\nRUN java Setup.java\n',
      findings: [
        {
          messageId: 'shellRun',
          range: '2:1-2:4',
          fixes: [
            {
              title: 'Write RUN in exec form: `["java", "Setup.java"]`',
              safe: true,
              output: 'FROM gcr.io/distroless/java21-debian12\nRUN ["java", "Setup.java"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'RUN flags stay',
      code: `FROM ${STATIC}\nRUN --mount=type=bind,target=/src /src/install --prefix /opt\n`,
      findings: [
        {
          messageId: 'shellRun',
          range: '2:1-2:4',
          fixes: [
            {
              title: 'Write RUN in exec form: `["/src/install", "--prefix", "/opt"]`',
              safe: true,
              output: `FROM ${STATIC}\nRUN --mount=type=bind,target=/src ["/src/install", "--prefix", "/opt"]\n`,
            },
          ],
        },
      ],
    },
  ],
});
