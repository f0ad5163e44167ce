import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/add-instead-of-copy';
import { runRuleTests } from '../../rule-tester';

const SHA256 = '24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d';
const COMMIT = '2f1f5a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f';
const TO_COPY = (output: string, safe = false) => [{ title: 'Replace `ADD` with `COPY`', safe, output }];

runRuleTests(rule, {
  valid: [
    file`
      FROM alpine:3.20
      COPY app.py /app/
    `,
    {
      name: 'a local tar archive is unpacked, which only ADD does',
      code: file`
        FROM scratch
        ADD rootfs.tar.xz /
        ADD ["vendor.tgz", "/opt/"]
      `,
    },
    {
      name: 'a download pinned by checksum',
      code: file`
        FROM alpine:3.20
        ADD --checksum=sha256:${SHA256} https://example.com/tool.tar.gz /tmp/
      `,
    },
    {
      name: 'a Git source pinned to a commit',
      code: file`
        FROM alpine:3.20
        ADD https://github.com/moby/buildkit.git#${COMMIT} /src
        ADD git@github.com:acme/app.git#${COMMIT}:docs /docs
      `,
    },
    {
      name: 'a Git source pinned by --checksum',
      code: file`
        FROM alpine:3.20
        ADD --checksum=${COMMIT} https://github.com/moby/buildkit.git#v0.13.0 /src
      `,
    },
    {
      name: 'a Git source pinned by a checksum query',
      code: file`
        FROM alpine:3.20
        ADD https://github.com/moby/buildkit.git?tag=v0.21.1&checksum=66735c67 /src
      `,
    },
    {
      name: 'a variable whose default names an archive',
      code: file`
        FROM alpine:3.20
        ARG ROOTFS=rootfs.tar.gz
        ADD \${ROOTFS} /
      `,
    },
    {
      name: 'a variable with no known value may be a URL or an archive',
      code: 'FROM eclipse-temurin:21\nARG JAR_FILE\nADD ${JAR_FILE} /app/app.jar\nADD $UNSET a.txt /data/\n',
    },
    {
      name: 'a global ARG declared again in the stage',
      code: file`
        ARG ROOTFS=rootfs.tar.gz
        FROM alpine:3.20
        ARG ROOTFS
        ADD $ROOTFS /
      `,
    },
    {
      name: 'a heredoc',
      code: file`
        FROM alpine:3.20
        ADD <<EOF /etc/motd
        hello
        EOF
      `,
    },
  ],
  invalid: [
    {
      name: 'a source not found beside the Dockerfile: it could be an archive, so the fix is unsafe',
      code: file`
        FROM alpine:3.20
        ADD app.py /app/
      `,
      findings: [
        {
          messageId: 'local',
          range: '2:1-2:4',
          fixes: TO_COPY(file`
            FROM alpine:3.20
            COPY app.py /app/
          `),
        },
      ],
    },
    {
      name: 'every source a text file beside the Dockerfile: COPY does exactly what ADD did, so the fix is safe',
      code: file`
        FROM alpine:3.20
        ADD app.py conf/app.ini /app/
      `,
      path: 'svc/Dockerfile',
      files: { 'svc/app.py': 'print("hi")\n', 'svc/conf/app.ini': '[app]\n' },
      findings: [
        {
          messageId: 'local',
          range: '2:1-2:4',
          fixes: TO_COPY(
            file`
              FROM alpine:3.20
              COPY app.py conf/app.ini /app/
            `,
            true,
          ),
        },
      ],
    },
    {
      name: 'a tar archive named like a plain file: ADD unpacks it, so the fix is unsafe',
      code: file`
        FROM alpine:3.20
        ADD app.py data.bin /app/
      `,
      files: { 'app.py': 'print("hi")\n', 'data.bin': 'ustar\u0000\u0000\u0000' },
      findings: [
        {
          messageId: 'local',
          range: '2:1-2:4',
          fixes: TO_COPY(file`
            FROM alpine:3.20
            COPY app.py data.bin /app/
          `),
        },
      ],
    },
    {
      name: 'lower-case keyword; COPY flags kept, ADD-only flags dropped',
      code: file`
        FROM alpine:3.20
        add --chown=app:app --keep-git-dir=true --chmod=644 config/ /etc/app/
      `,
      findings: [
        {
          messageId: 'local',
          range: '2:1-2:4',
          fixes: TO_COPY(file`
            FROM alpine:3.20
            copy --chown=app:app --chmod=644 config/ /etc/app/
          `),
        },
      ],
    },
    {
      name: 'ADD does not unpack a .jar',
      code: file`
        FROM eclipse-temurin:21
        ADD target/app.jar /app/app.jar
      `,
      findings: [
        {
          messageId: 'local',
          range: '2:1-2:4',
          fixes: TO_COPY(file`
            FROM eclipse-temurin:21
            COPY target/app.jar /app/app.jar
          `),
        },
      ],
    },
    {
      name: 'several sources, quoted',
      code: file`
        FROM alpine:3.20
        ADD "a.txt" b.txt /data/
      `,
      findings: [
        {
          messageId: 'local',
          range: '2:1-2:4',
          fixes: TO_COPY(file`
            FROM alpine:3.20
            COPY "a.txt" b.txt /data/
          `),
        },
      ],
    },
    {
      name: 'a variable whose default is a plain file',
      code: file`
        FROM eclipse-temurin:21
        ARG JAR_FILE=target/*.jar
        ADD \${JAR_FILE} app.jar
      `,
      findings: [
        {
          messageId: 'local',
          range: '3:1-3:4',
          fixes: TO_COPY(file`
            FROM eclipse-temurin:21
            ARG JAR_FILE=target/*.jar
            COPY \${JAR_FILE} app.jar
          `),
        },
      ],
    },
    {
      name: 'a flag COPY does not know: no fix',
      code: file`
        FROM alpine:3.20
        ADD --unpack=true data.bin /data/
      `,
      findings: [{ messageId: 'local', range: '2:1-2:4', fixes: [] }],
    },
    {
      name: 'ONBUILD trigger',
      code: file`
        FROM node:20
        ONBUILD ADD . /usr/src/app
      `,
      findings: [
        {
          messageId: 'local',
          range: '2:9-2:12',
          fixes: TO_COPY(file`
            FROM node:20
            ONBUILD COPY . /usr/src/app
          `),
        },
      ],
    },
    {
      name: 'JSON form',
      code: file`
        FROM alpine:3.20
        ADD ["my file.txt", "/data/"]
      `,
      findings: [
        {
          messageId: 'local',
          range: '2:1-2:4',
          fixes: TO_COPY(file`
            FROM alpine:3.20
            COPY ["my file.txt", "/data/"]
          `),
        },
      ],
    },
    {
      // Checkmarx/kics@bfe8ba0fe716, assets/queries/dockerfile/curl_or_wget_instead_of_add/test/positive.dockerfile (Apache-2.0).
      name: 'a download without checksum (KICS positive sample)',
      code: file`
        FROM openjdk:10-jdk
        VOLUME /tmp
        ADD https://example.com/big.tar.xz /usr/src/things/
        RUN tar -xJf /usr/src/things/big.tar.xz -C /usr/src/things
      `,
      findings: [{ messageId: 'remote', range: '3:5-3:35', fixes: [] }],
    },
    {
      name: 'a Git source at a tag',
      code: file`
        FROM alpine:3.20
        ADD https://github.com/moby/buildkit.git#v0.13.0 /src
      `,
      findings: [{ messageId: 'gitUnpinned', range: '2:5-2:49', fixes: [] }],
    },
    {
      name: 'a Git source at its default branch, with --keep-git-dir',
      code: file`
        FROM alpine:3.20
        ADD --keep-git-dir=true git@github.com:acme/app.git /src
      `,
      findings: [{ messageId: 'gitUnpinned', range: '2:25-2:52', fixes: [] }],
    },
    {
      name: 'a Git source at a branch named in the query',
      code: file`
        FROM alpine:3.20
        ADD https://github.com/acme/app.git?branch=main /src
      `,
      findings: [{ messageId: 'gitUnpinned', range: '2:5-2:48', fixes: [] }],
    },
    {
      // aquasecurity/trivy-checks@80e538226970, checks/docker/add_instead_of_copy.yaml, bad example (MIT).
      name: 'Trivy bad sample: the archive is allowed, the jar is not',
      code: file`
        FROM alpine:3.13
        USER mike
        ADD "/target/resources.tar.gz" "resources.jar"
        ADD "/target/app.jar" "app.jar"
      `,
      findings: [
        {
          messageId: 'local',
          range: '4:1-4:4',
          fixes: TO_COPY(
            file`
              FROM alpine:3.13
              USER mike
              ADD "/target/resources.tar.gz" "resources.jar"
              COPY "/target/app.jar" "app.jar"
            `,
          ),
        },
      ],
    },
  ],
});
