import rule from '../../../shared/src/rules/image/add-instead-of-copy';
import { runRuleTests } from '../../rule-tester';

const SHA256 = '24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d';
const COMMIT = '2f1f5a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f';
const TO_COPY = (output: string, safe = false) => [{ title: 'Replace `ADD` with `COPY`', safe, output }];

runRuleTests(rule, {
  valid: [
    'FROM alpine:3.20\nCOPY app.py /app/\n',
    {
      name: 'a local tar archive is unpacked, which only ADD does',
      code: 'FROM scratch\nADD rootfs.tar.xz /\nADD ["vendor.tgz", "/opt/"]\n',
    },
    {
      name: 'a download pinned by checksum',
      code: `FROM alpine:3.20\nADD --checksum=sha256:${SHA256} https://example.com/tool.tar.gz /tmp/\n`,
    },
    {
      name: 'a Git source pinned to a commit',
      code: `FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#${COMMIT} /src\nADD git@github.com:acme/app.git#${COMMIT}:docs /docs\n`,
    },
    {
      name: 'a Git source pinned by --checksum',
      code: `FROM alpine:3.20\nADD --checksum=${COMMIT} https://github.com/moby/buildkit.git#v0.13.0 /src\n`,
    },
    {
      name: 'a Git source pinned by a checksum query',
      code: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git?tag=v0.21.1&checksum=66735c67 /src\n',
    },
    {
      name: 'a variable whose default names an archive',
      code: 'FROM alpine:3.20\nARG ROOTFS=rootfs.tar.gz\nADD ${ROOTFS} /\n',
    },
    {
      name: 'a variable with no known value may be a URL or an archive',
      code: 'FROM eclipse-temurin:21\nARG JAR_FILE\nADD ${JAR_FILE} /app/app.jar\nADD $UNSET a.txt /data/\n',
    },
    {
      name: 'a global ARG declared again in the stage',
      code: 'ARG ROOTFS=rootfs.tar.gz\nFROM alpine:3.20\nARG ROOTFS\nADD $ROOTFS /\n',
    },
    { name: 'a heredoc', code: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\n' },
  ],
  invalid: [
    {
      name: 'a source not found beside the Dockerfile: it could be an archive, so the fix is unsafe',
      code: 'FROM alpine:3.20\nADD app.py /app/\n',
      findings: [{ messageId: 'local', range: '2:1-2:4', fixes: TO_COPY('FROM alpine:3.20\nCOPY app.py /app/\n') }],
    },
    {
      name: 'every source a text file beside the Dockerfile: COPY does exactly what ADD did, so the fix is safe',
      code: 'FROM alpine:3.20\nADD app.py conf/app.ini /app/\n',
      path: 'svc/Dockerfile',
      files: { 'svc/app.py': 'print("hi")\n', 'svc/conf/app.ini': '[app]\n' },
      findings: [
        {
          messageId: 'local',
          range: '2:1-2:4',
          fixes: TO_COPY('FROM alpine:3.20\nCOPY app.py conf/app.ini /app/\n', true),
        },
      ],
    },
    {
      name: 'a tar archive named like a plain file: ADD unpacks it, so the fix is unsafe',
      code: 'FROM alpine:3.20\nADD app.py data.bin /app/\n',
      files: { 'app.py': 'print("hi")\n', 'data.bin': 'ustar\u0000\u0000\u0000' },
      findings: [
        { messageId: 'local', range: '2:1-2:4', fixes: TO_COPY('FROM alpine:3.20\nCOPY app.py data.bin /app/\n') },
      ],
    },
    {
      name: 'lower-case keyword; COPY flags kept, ADD-only flags dropped',
      code: 'FROM alpine:3.20\nadd --chown=app:app --keep-git-dir=true --chmod=644 config/ /etc/app/\n',
      findings: [
        {
          messageId: 'local',
          range: '2:1-2:4',
          fixes: TO_COPY('FROM alpine:3.20\ncopy --chown=app:app --chmod=644 config/ /etc/app/\n'),
        },
      ],
    },
    {
      name: 'ADD does not unpack a .jar',
      code: 'FROM eclipse-temurin:21\nADD target/app.jar /app/app.jar\n',
      findings: [
        {
          messageId: 'local',
          range: '2:1-2:4',
          fixes: TO_COPY('FROM eclipse-temurin:21\nCOPY target/app.jar /app/app.jar\n'),
        },
      ],
    },
    {
      name: 'several sources, quoted',
      code: 'FROM alpine:3.20\nADD "a.txt" b.txt /data/\n',
      findings: [
        { messageId: 'local', range: '2:1-2:4', fixes: TO_COPY('FROM alpine:3.20\nCOPY "a.txt" b.txt /data/\n') },
      ],
    },
    {
      name: 'a variable whose default is a plain file',
      code: 'FROM eclipse-temurin:21\nARG JAR_FILE=target/*.jar\nADD ${JAR_FILE} app.jar\n',
      findings: [
        {
          messageId: 'local',
          range: '3:1-3:4',
          fixes: TO_COPY('FROM eclipse-temurin:21\nARG JAR_FILE=target/*.jar\nCOPY ${JAR_FILE} app.jar\n'),
        },
      ],
    },
    {
      name: 'a flag COPY does not know: no fix',
      code: 'FROM alpine:3.20\nADD --unpack=true data.bin /data/\n',
      findings: [{ messageId: 'local', range: '2:1-2:4', fixes: [] }],
    },
    {
      name: 'ONBUILD trigger',
      code: 'FROM node:20\nONBUILD ADD . /usr/src/app\n',
      findings: [
        { messageId: 'local', range: '2:9-2:12', fixes: TO_COPY('FROM node:20\nONBUILD COPY . /usr/src/app\n') },
      ],
    },
    {
      name: 'JSON form',
      code: 'FROM alpine:3.20\nADD ["my file.txt", "/data/"]\n',
      findings: [
        { messageId: 'local', range: '2:1-2:4', fixes: TO_COPY('FROM alpine:3.20\nCOPY ["my file.txt", "/data/"]\n') },
      ],
    },
    {
      // Checkmarx/kics@bfe8ba0fe716, assets/queries/dockerfile/curl_or_wget_instead_of_add/test/positive.dockerfile (Apache-2.0).
      name: 'a download without checksum (KICS positive sample)',
      code: 'FROM openjdk:10-jdk\nVOLUME /tmp\nADD https://example.com/big.tar.xz /usr/src/things/\nRUN tar -xJf /usr/src/things/big.tar.xz -C /usr/src/things\n',
      findings: [{ messageId: 'remote', range: '3:5-3:35', fixes: [] }],
    },
    {
      name: 'a Git source at a tag',
      code: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.13.0 /src\n',
      findings: [{ messageId: 'gitUnpinned', range: '2:5-2:49', fixes: [] }],
    },
    {
      name: 'a Git source at its default branch, with --keep-git-dir',
      code: 'FROM alpine:3.20\nADD --keep-git-dir=true git@github.com:acme/app.git /src\n',
      findings: [{ messageId: 'gitUnpinned', range: '2:25-2:52', fixes: [] }],
    },
    {
      name: 'a Git source at a branch named in the query',
      code: 'FROM alpine:3.20\nADD https://github.com/acme/app.git?branch=main /src\n',
      findings: [{ messageId: 'gitUnpinned', range: '2:5-2:48', fixes: [] }],
    },
    {
      // aquasecurity/trivy-checks@80e538226970, checks/docker/add_instead_of_copy.yaml, bad example (MIT).
      name: 'Trivy bad sample: the archive is allowed, the jar is not',
      code: 'FROM alpine:3.13\nUSER mike\nADD "/target/resources.tar.gz" "resources.jar"\nADD "/target/app.jar" "app.jar"\n',
      findings: [
        {
          messageId: 'local',
          range: '4:1-4:4',
          fixes: TO_COPY(
            'FROM alpine:3.13\nUSER mike\nADD "/target/resources.tar.gz" "resources.jar"\nCOPY "/target/app.jar" "app.jar"\n',
          ),
        },
      ],
    },
  ],
});
