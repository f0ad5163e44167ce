import rule from '../../../shared/src/rules/image/secret-mount-exposed';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'FROM node:20-slim\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
    {
      name: 'a copy removed in the same RUN, also through its folder',
      code:
        'FROM node:20-slim\nRUN --mount=type=secret,id=npmrc cp /run/secrets/npmrc /root/.npmrc && npm ci && rm -f /root/.npmrc\n' +
        'RUN --mount=type=secret,id=k cp /run/secrets/k /tmp/keys/ && ./use /tmp/keys/k && rm -rf /tmp/keys\n',
    },
    {
      name: 'copies into another mount of the step, or reads that write no file',
      code:
        'FROM node:20-slim\nRUN --mount=type=secret,id=npmrc --mount=type=tmpfs,target=/scratch cp /run/secrets/npmrc /scratch/.npmrc && npm ci\n' +
        'RUN --mount=type=secret,id=token TOKEN="$(cat /run/secrets/token)" ./fetch.sh && cat /run/secrets/token | docker login --password-stdin\n',
    },
    {
      name: 'a secret given to an environment variable only, and a copy of another path',
      code: 'FROM node:20-slim\nRUN --mount=type=secret,id=npmrc,env=NPM_TOKEN cp /run/secrets/other /x && npm ci\n',
    },
    {
      name: 'a CA certificate passed as a secret, installed into the trust store',
      code: 'FROM php:8.4-fpm\nRUN --mount=type=secret,id=trusted_ca if [ -f /run/secrets/trusted_ca ]; then cp /run/secrets/trusted_ca /usr/local/share/ca-certificates/proxy.crt; update-ca-certificates; fi\n',
    },
    {
      name: 'modes for one user or one group',
      code: 'FROM node:20-slim\nRUN --mount=type=secret,id=a,mode=0400 --mount=type=secret,id=b,mode=0440,gid=1000 true\n',
    },
    {
      name: 'a build-only stage',
      code: 'FROM node:20 AS build\nRUN --mount=type=secret,id=npmrc cp /run/secrets/npmrc .npmrc && npm ci\nFROM node:20-slim\nCOPY --from=build /app/dist /app\n',
    },
    {
      name: 'a path that only mentions the secret',
      code: 'FROM node:20-slim\nRUN --mount=type=secret,id=npmrc echo "copy /run/secrets/npmrc yourself" > /README\n',
    },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nRUN --mount=type=secret,id=npmrc cp /run/secrets/npmrc /root/.npmrc && npm ci\n',
      findings: [{ messageId: 'copied', range: '2:34-2:68' }],
    },
    {
      name: 'cat into a file, tee, echo of a substitution, a custom target',
      code:
        'FROM python:3.12\nRUN --mount=type=secret,id=pip,target=/secrets/pip.conf cat /secrets/pip.conf >> /etc/pip.conf \\\n' +
        ' && cat /secrets/pip.conf | tee /root/.pip.conf \\\n' +
        ' && echo "token=$(cat /secrets/pip.conf)" > /app/.env\n',
      findings: [
        { messageId: 'copied', range: '2:57-2:95' },
        { messageId: 'copied', range: '3:5-3:48' },
        { messageId: 'copied', range: '4:5-4:54' },
      ],
    },
    {
      name: 'an apt credentials file and a folder of entitlement certificates',
      code:
        'FROM debian:12\nRUN --mount=type=secret,id=jfrog_auth cp /run/secrets/jfrog_auth /etc/apt/auth.conf && apt-get update\n' +
        'RUN --mount=type=secret,id=etc-pki-entitlement cp /run/secrets/etc-pki-entitlement/* /etc/pki/entitlement/\n',
      findings: [
        { messageId: 'copied', range: '2:39-2:84' },
        { messageId: 'copied', range: '3:48-3:107' },
      ],
    },
    {
      name: 'a mode readable by all',
      code: 'FROM node:20-slim\nUSER node\nRUN --mount=type=secret,id=npmrc,mode=0444 npm ci --userconfig /run/secrets/npmrc\n',
      findings: [{ messageId: 'readableByAll', range: '3:34-3:43', severity: 'warning' }],
    },
    {
      name: 'in a stage the final one builds on, and in an ONBUILD trigger',
      code:
        'FROM node:20 AS base\nRUN --mount=type=secret,id=k install -m 600 /run/secrets/k /etc/app/k\nFROM base\n' +
        'ONBUILD RUN --mount=type=secret,id=t cp /run/secrets/t /t\n',
      findings: [
        { messageId: 'copied', range: '2:30-2:70' },
        { messageId: 'copied', range: '4:38-4:58' },
      ],
    },
  ],
});
