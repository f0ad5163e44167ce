import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/shell-in-shell-less-stage';
import { runRuleTests } from '../../rule-tester';

const STATIC = 'gcr.io/distroless/static-debian12:nonroot';

runRuleTests(rule, {
  valid: [
    file`
      FROM ${STATIC}
      COPY app /app
      CMD ["/app"]
    `,
    {
      name: 'exec-form RUN of a program the image has',
      code: file`
        FROM gcr.io/distroless/java21-debian12
        RUN ["java", "Setup.java"]
        CMD ["app.jar"]
      `,
    },
    {
      name: 'distroless debug images carry busybox',
      code: file`
        FROM gcr.io/distroless/base-debian12:debug
        RUN echo ok
      `,
    },
    {
      name: 'full OS images have a shell',
      code: file`
        FROM debian:12
        RUN echo hi
        CMD echo hi
      `,
    },
    {
      name: 'a shell copied in',
      code: file`
        FROM scratch
        COPY --from=busybox:1.36 /bin/busybox /bin/busybox
        RUN ["/bin/busybox", "--install", "-s", "/bin"]
        RUN echo hi
      `,
    },
    {
      name: 'a shell copied in after CMD is there when the container starts',
      code: file`
        FROM scratch
        CMD /bin/app --serve
        COPY --from=busybox:1.36 /bin/busybox /bin/sh
      `,
    },
    {
      name: 'a whole tree copied to /',
      code: file`
        FROM scratch
        COPY --from=builder / /
        RUN echo hi
      `,
    },
    {
      name: 'a copy into a folder held in a variable',
      code: file`
        FROM scratch
        ARG BIN=/bin
        COPY --from=busybox:1.36 /bin/ \${BIN}
        RUN echo hi
      `,
    },
    {
      name: 'a CMD that is only arguments to an ENTRYPOINT',
      code: file`
        FROM ${STATIC}
        ENTRYPOINT ["/app"]
        CMD ["sh"]
      `,
    },
    {
      name: 'a base image only known at build time',
      code: file`
        ARG BASE
        FROM $BASE
        RUN echo hi
      `,
    },
    {
      name: 'exec-form HEALTHCHECK and HEALTHCHECK NONE',
      code: file`
        FROM scratch
        COPY app /app
        HEALTHCHECK CMD ["/app", "health"]
        HEALTHCHECK NONE
        ENTRYPOINT ["/app"]
      `,
    },
    {
      name: 'a full OS stage built after a distroless one',
      code: file`
        FROM ${STATIC} AS runtime
        FROM debian:12
        RUN echo hi
      `,
    },
  ],
  invalid: [
    {
      name: 'files copied elsewhere bring no shell, and a shell copied after the RUN comes too late',
      code: file`
        FROM scratch
        COPY --from=alpine /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        RUN /app/init
        COPY --from=busybox:1.36 /bin/sh /bin/sh
      `,
      findings: [
        {
          messageId: 'shellRun',
          range: '3:1-3:4',
          fixes: [
            {
              title: 'Write RUN in exec form: `["/app/init"]`',
              safe: true,
              output: file`
                FROM scratch
                COPY --from=alpine /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
                RUN ["/app/init"]
                COPY --from=busybox:1.36 /bin/sh /bin/sh
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'shell-form CMD of plain words',
      code: file`
        FROM ${STATIC}
        COPY app /app
        CMD /app
      `,
      findings: [
        {
          messageId: 'shellStart',
          range: '3:1-3:4',
          fixes: [
            {
              title: 'Write CMD in exec form: `["/app"]`',
              safe: true,
              output: file`
                FROM ${STATIC}
                COPY app /app
                CMD ["/app"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a package manager in shell form',
      code: file`
        FROM gcr.io/distroless/nodejs22-debian12
        RUN npm ci
      `,
      findings: [{ messageId: 'shellRun', range: '2:1-2:4', fixes: [] }],
    },
    {
      name: 'a HEALTHCHECK with shell operators',
      code: file`
        FROM scratch
        COPY app /app
        HEALTHCHECK --interval=5s CMD /app --health || exit 1
        ENTRYPOINT ["/app"]
      `,
      findings: [{ messageId: 'shellHealthcheck', range: '3:1-3:12', fixes: [] }],
    },
    {
      name: 'a plain HEALTHCHECK keeps its options',
      code: file`
        FROM scratch
        COPY app /app
        HEALTHCHECK --interval=5s CMD /app --health
        ENTRYPOINT ["/app"]
      `,
      findings: [
        {
          messageId: 'shellHealthcheck',
          range: '3:1-3:12',
          fixes: [
            {
              title: 'Write HEALTHCHECK CMD in exec form: `["/app", "--health"]`',
              safe: true,
              output: file`
                FROM scratch
                COPY app /app
                HEALTHCHECK --interval=5s CMD ["/app", "--health"]
                ENTRYPOINT ["/app"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'curl in an exec-form HEALTHCHECK',
      code: file`
        FROM ${STATIC}
        HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
      `,
      findings: [{ messageId: 'missingProgramHealthcheck', range: '2:17-2:52', fixes: [] }],
    },
    {
      name: 'node drops its name on the Node.js image, whose ENTRYPOINT is node',
      code: file`
        FROM gcr.io/distroless/nodejs22-debian12:nonroot
        WORKDIR /app
        COPY . .
        CMD node server.js
      `,
      findings: [
        {
          messageId: 'shellStart',
          range: '4:1-4:4',
          fixes: [
            {
              title: 'Write CMD in exec form: `["server.js"]`',
              safe: true,
              output: file`
                FROM gcr.io/distroless/nodejs22-debian12:nonroot
                WORKDIR /app
                COPY . .
                CMD ["server.js"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'java -jar on the Java image, whose ENTRYPOINT is java -jar',
      code: file`
        FROM gcr.io/distroless/java21-debian12
        COPY app.jar /app.jar
        CMD java -jar /app.jar --port 8080
      `,
      findings: [
        {
          messageId: 'shellStart',
          range: '3:1-3:4',
          fixes: [
            {
              title: 'Write CMD in exec form: `["/app.jar", "--port", "8080"]`',
              safe: true,
              output: file`
                FROM gcr.io/distroless/java21-debian12
                COPY app.jar /app.jar
                CMD ["/app.jar", "--port", "8080"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: "python options stay as arguments of the image's python",
      code: file`
        FROM gcr.io/distroless/python3-debian12
        CMD exec python3 -u main.py
      `,
      findings: [
        {
          messageId: 'shellStart',
          range: '2:1-2:4',
          fixes: [
            {
              title: 'Write CMD in exec form: `["-u", "main.py"]`',
              safe: true,
              output: file`
                FROM gcr.io/distroless/python3-debian12
                CMD ["-u", "main.py"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a program other than the interpreter cannot follow the interpreter image's ENTRYPOINT",
      code: file`
        FROM gcr.io/distroless/nodejs22-debian12
        CMD /app/server
      `,
      findings: [{ messageId: 'shellStart', range: '2:1-2:4', fixes: [] }],
    },
    {
      name: 'a shell-form CMD after an exec-form ENTRYPOINT becomes its arguments',
      code: file`
        FROM ${STATIC}
        ENTRYPOINT ["/app"]
        CMD --port 8080
      `,
      findings: [
        {
          messageId: 'shellStart',
          range: '3:1-3:4',
          fixes: [
            {
              title: 'Write CMD in exec form: `["--port", "8080"]`',
              safe: true,
              output: file`
                FROM ${STATIC}
                ENTRYPOINT ["/app"]
                CMD ["--port", "8080"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a shell called in exec form',
      code: file`
        FROM scratch
        RUN ["/bin/sh", "-c", "echo hi"]
        ENTRYPOINT ["sh", "-c", "exec /app"]
      `,
      findings: [
        { messageId: 'missingProgramRun', range: '2:6-2:15', fixes: [] },
        { messageId: 'missingProgramStart', range: '3:13-3:17', fixes: [] },
      ],
    },
    {
      name: 'an exec-form CMD calling bash with no ENTRYPOINT',
      code: file`
        FROM ${STATIC}
        CMD ["bash"]
      `,
      findings: [{ messageId: 'missingProgramStart', range: '2:6-2:12', fixes: [] }],
    },
    {
      name: 'a heredoc',
      code: file`
        FROM scratch
        RUN <<EOF
        /app --init
        EOF
        CMD ["/app"]
      `,
      findings: [{ messageId: 'shellRun', range: '2:1-2:4', fixes: [] }],
    },
    {
      name: 'ONBUILD RUN fails in every child image too',
      code: file`
        FROM ${STATIC}
        ONBUILD RUN /app/migrate --up
      `,
      findings: [
        {
          messageId: 'shellRun',
          range: '2:9-2:12',
          fixes: [
            {
              title: 'Write RUN in exec form: `["/app/migrate", "--up"]`',
              safe: true,
              output: file`
                FROM ${STATIC}
                ONBUILD RUN ["/app/migrate", "--up"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a shell-less build stage and a stage built on it',
      code: file`
        FROM gcr.io/distroless/base-debian12 AS rt
        RUN /app/setup
        FROM rt
        CMD /app/run --port 80
      `,
      findings: [
        {
          messageId: 'shellRun',
          range: '2:1-2:4',
          fixes: [
            {
              title: 'Write RUN in exec form: `["/app/setup"]`',
              safe: true,
              output: file`
                FROM gcr.io/distroless/base-debian12 AS rt
                RUN ["/app/setup"]
                FROM rt
                CMD /app/run --port 80
              `,
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
              output: file`
                FROM gcr.io/distroless/base-debian12 AS rt
                RUN /app/setup
                FROM rt
                CMD ["/app/run", "--port", "80"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'CRLF and a backtick continuation',
      code: file`
        # escape=\`\r
        FROM scratch\r
        COPY app /app\r
        ENTRYPOINT /app \`\r
          --verbose\r
      `,
      findings: [
        {
          messageId: 'shellStart',
          range: '4:1-4:11',
          fixes: [
            {
              title: 'Write ENTRYPOINT in exec form: `["/app", "--verbose"]`',
              safe: true,
              output: file`
                # escape=\`\r
                FROM scratch\r
                COPY app /app\r
                ENTRYPOINT ["/app", "--verbose"]\r
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'the base image from an ARG default',
      code: file`
        ARG RUNTIME=${STATIC}
        FROM \${RUNTIME}
        COPY app /app
        CMD exec /app
      `,
      findings: [
        {
          messageId: 'shellStart',
          range: '4:1-4:4',
          fixes: [
            {
              title: 'Write CMD in exec form: `["/app"]`',
              safe: true,
              output: file`
                ARG RUNTIME=${STATIC}
                FROM \${RUNTIME}
                COPY app /app
                CMD ["/app"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'redirects need a shell',
      code: file`
        FROM ${STATIC}
        CMD /app > /tmp/log
      `,
      findings: [{ messageId: 'shellStart', range: '2:1-2:4', fixes: [] }],
    },
    {
      name: 'quoted words are unquoted as the shell would',
      code: file`
        FROM ${STATIC}
        CMD /app "--name=my app" 'it''s'
      `,
      findings: [
        {
          messageId: 'shellStart',
          range: '2:1-2:4',
          fixes: [
            {
              title: 'Write CMD in exec form: `["/app", "--name=my app", "its"]`',
              safe: true,
              output: file`
                FROM ${STATIC}
                CMD ["/app", "--name=my app", "its"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'an unquoted glob needs a shell',
      code: file`
        FROM ${STATIC}
        CMD /app /data/*.json
      `,
      findings: [{ messageId: 'shellStart', range: '2:1-2:4', fixes: [] }],
    },
    {
      name: 'an ENTRYPOINT naming the interpreter may not find it on PATH',
      code: file`
        FROM gcr.io/distroless/nodejs22-debian12
        ENTRYPOINT node server.js
      `,
      findings: [{ messageId: 'shellStart', range: '2:1-2:11', fixes: [] }],
    },
    {
      name: 'java is on PATH in the Java image',
      code: file`
        FROM gcr.io/distroless/java21-debian12
        RUN java Setup.java
      `,
      findings: [
        {
          messageId: 'shellRun',
          range: '2:1-2:4',
          fixes: [
            {
              title: 'Write RUN in exec form: `["java", "Setup.java"]`',
              safe: true,
              output: file`
                FROM gcr.io/distroless/java21-debian12
                RUN ["java", "Setup.java"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'RUN flags stay',
      code: file`
        FROM ${STATIC}
        RUN --mount=type=bind,target=/src /src/install --prefix /opt
      `,
      findings: [
        {
          messageId: 'shellRun',
          range: '2:1-2:4',
          fixes: [
            {
              title: 'Write RUN in exec form: `["/src/install", "--prefix", "/opt"]`',
              safe: true,
              output: file`
                FROM ${STATIC}
                RUN --mount=type=bind,target=/src ["/src/install", "--prefix", "/opt"]
              `,
            },
          ],
        },
      ],
    },
  ],
});
