import { file } from '../../../shared/src/rule';
import rule from '../../../shared/src/rules/image/unpinned-packages';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    file`
      FROM debian:12
      RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
    `,
    {
      name: 'requirement files and local projects',
      code: file`
        FROM python:3.12
        RUN pip install -r requirements.txt && pip install . && pip install --no-deps ./dist/app-1.0-py3-none-any.whl
      `,
    },
    {
      name: 'VCS URLs at a full commit',
      code: 'FROM python:3.12\nRUN pip install git+https://github.com/org/repo@0123456789abcdef0123456789abcdef01234567#egg=repo && npm install github:org/x#0123456789abcdef0123456789abcdef01234567\n',
    },
    {
      name: 'gem build flags after --',
      code: 'FROM ruby:3.3\nRUN gem install pg -v 1.5.6 -- --with-pg-config=/usr/bin/pg_config --with-opt-dir /opt\n',
    },
    {
      name: 'a constraints file pins what it names',
      code: file`
        FROM python:3.12
        RUN pip install -c constraints.txt flask
      `,
    },
    {
      name: 'npm from package.json',
      code: file`
        FROM node:20
        RUN npm ci && npm install && npm install --production --no-cache
      `,
    },
    {
      name: 'npm versions',
      code: file`
        FROM node:20
        RUN npm install -g express@4.19.2 @types/node@20.11.0 && npm i ./local-pkg
      `,
    },
    {
      name: 'gem versions',
      code: file`
        FROM ruby:3.3
        RUN gem install rails -v 7.1.3 && gem install bundler:2.5.6 --no-document
      `,
    },
    {
      name: 'apk versions and a virtual package name',
      code: file`
        FROM alpine:3.20
        RUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 "musl-dev>1.2"
      `,
    },
    {
      name: 'a local .deb and packages held in a variable',
      code: file`
        FROM debian:12
        RUN apt-get install -y ./app.deb $BUILD_PACKAGES
      `,
    },
    {
      name: 'rpm versions, also from a variable',
      code: file`
        FROM fedora:40
        RUN dnf install -y httpd-2.4.62-1.fc40 rethinkdb-$VERSION @development-tools
      `,
    },
    {
      name: 'zypper versions',
      code: file`
        FROM opensuse/leap:15.6
        RUN zypper -n in -y httpd=2.4.58 'vim>=9'
      `,
    },
    {
      name: 'a command written inside a string',
      code: file`
        FROM debian:12
        RUN echo "apt-get install -y curl"
      `,
    },
    {
      name: 'a simulated install',
      code: file`
        FROM debian:12
        RUN apt-get install -s curl
      `,
    },
    {
      name: 'python -m pip with a version',
      code: file`
        FROM python:3.12
        RUN python3 -m pip install --no-cache-dir "pip==24.0"
      `,
    },
  ],
  invalid: [
    {
      name: 'one of two apt packages',
      code: file`
        FROM debian:12
        RUN apt-get install -y --no-install-recommends curl=7.88.1-10 git
      `,
      findings: [{ messageId: 'unpinned', range: '2:63-2:66' }],
    },
    {
      name: 'apk with a virtual package',
      code: file`
        FROM alpine:3.20
        RUN apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.5-r0
      `,
      findings: [{ messageId: 'unpinned', range: '2:46-2:49' }],
    },
    {
      name: 'pip, one finding per package',
      code: file`
        FROM python:3.12
        RUN pip install --no-cache-dir flask requests==2.32.3 'uvicorn[standard]'
      `,
      findings: [
        { messageId: 'unpinned', range: '2:32-2:37' },
        { messageId: 'unpinned', range: '2:55-2:74' },
      ],
    },
    {
      name: 'python3 -m pip',
      code: file`
        FROM python:3.12
        RUN python3 -m pip install --upgrade pip
      `,
      findings: [{ messageId: 'unpinned', range: '2:38-2:41' }],
    },
    {
      name: 'npm: a scoped package and @latest',
      code: file`
        FROM node:20
        RUN npm install -g @angular/cli sax@latest typescript@5.4.5
      `,
      findings: [
        { messageId: 'unpinned', range: '2:20-2:32' },
        { messageId: 'unpinned', range: '2:33-2:43' },
      ],
    },
    {
      name: 'gem',
      code: file`
        FROM ruby:3.3
        RUN gem install bundler rake:13.2.1
      `,
      findings: [{ messageId: 'unpinned', range: '2:17-2:24' }],
    },
    {
      name: 'pip and npm from Git without a commit; a tag can move',
      code: 'FROM node:20\nRUN pip install git+https://github.com/org/repo@v1.2.3 git+ssh://git@github.com/org/b.git && npm install github:user/repo user/other#main git+https://example.com/c.git#0123456789abcdef0123456789abcdef01234567\n',
      findings: [
        { messageId: 'gitUnpinned', range: '2:17-2:55' },
        { messageId: 'gitUnpinned', range: '2:56-2:90' },
        { messageId: 'gitUnpinned', range: '2:106-2:122' },
        { messageId: 'gitUnpinned', range: '2:123-2:138' },
      ],
    },
    {
      name: 'dnf and yum module install: a stream is a version',
      code: 'FROM rockylinux:9\nRUN dnf -y module install nodejs:18/common && yum module install -y postgresql\n',
      findings: [{ messageId: 'unpinned', range: '2:69-2:79' }],
    },
    {
      name: 'gem build flags after -- are no gems',
      code: 'FROM ruby:3.3\nRUN gem install pg -- --with-pg-config=/usr/bin/pg_config\n',
      findings: [{ messageId: 'unpinned', range: '2:17-2:19' }],
    },
    {
      name: 'gem -v with two gems pins neither',
      code: file`
        FROM ruby:3.3
        RUN gem install grpc -v 1.62.0 blunder
      `,
      findings: [
        { messageId: 'unpinned', range: '2:17-2:21' },
        { messageId: 'unpinned', range: '2:32-2:39' },
      ],
    },
    {
      name: 'dnf: a name with dashes and digits is not a version',
      code: file`
        FROM fedora:40
        RUN dnf -y install httpd python3-devel-3.12.1 java-17-openjdk && dnf clean all
      `,
      findings: [
        { messageId: 'unpinned', range: '2:20-2:25' },
        { messageId: 'unpinned', range: '2:47-2:62' },
      ],
    },
    {
      name: 'zypper with global options',
      code: file`
        FROM opensuse/leap:15.6
        RUN zypper -n in -y httpd
      `,
      findings: [{ messageId: 'unpinned', range: '2:21-2:26' }],
    },
    {
      name: 'exec form',
      code: file`
        FROM centos:7
        RUN ["yum", "install", "httpd"]
      `,
      findings: [{ messageId: 'unpinned', range: '2:24-2:31' }],
    },
    {
      name: 'after a Docker comment line in a continuation',
      code: file`
        FROM debian:12
        RUN apt-get install -y \\
            # the web server
            nginx \\
            curl=7.88.1-10
      `,
      findings: [{ messageId: 'unpinned', range: '4:5-4:10' }],
    },
    {
      name: 'ONBUILD RUN, CRLF',
      code: file`
        FROM alpine:3.20\r
        ONBUILD RUN apk add curl\r
      `,
      findings: [{ messageId: 'unpinned', range: '2:21-2:25' }],
    },
    {
      name: 'heredoc script through sudo',
      code: file`
        FROM python:3.12
        RUN <<EOF
        sudo pip3 install flask
        EOF
      `,
      findings: [{ messageId: 'unpinned', range: '3:19-3:24' }],
    },
  ],
});
