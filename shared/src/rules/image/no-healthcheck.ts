import { defineRule, prose, file } from '../../rule';
import { instructionSpan, isWasmImage, lastInChain, runsNothing } from '../../dockerfile/runtime';
import type { Finding } from '../../types';

export default defineRule({
  meta: {
    id: 'image/no-healthcheck',
    title: 'No HEALTHCHECK in the image',
    kind: 'dockerfile',
    severity: 'info',
    threat: 'external-container',
    mitigation: prose`
      Add a \`HEALTHCHECK\` that probes the service (exec form, with a binary the image has), or \`HEALTHCHECK NONE\` to
      state that none is wanted.
    `,
    cis: '4.6',
    peers: {
      hadolint: ['DL3057'],
      trivy: ['DS-0026'],
      checkov: ['CKV_DOCKER_2'],
      kics: ['Healthcheck Instruction Missing'],
    },
    references: [
      { title: 'Dockerfile reference: HEALTHCHECK', url: 'https://docs.docker.com/reference/dockerfile/#healthcheck' },
      { title: 'CIS Docker Benchmark 4.6', url: 'https://www.cisecurity.org/benchmark/docker' },
    ],
    fix: 'none',
    messages: {
      missing: 'The image has no HEALTHCHECK: Docker cannot tell a hung or hijacked service from a healthy one.',
    },
    docs: {
      description: prose`
        Reports, at the final \`FROM\`, an image whose final stage (and the stages it builds on) has no \`HEALTHCHECK\`.
        A scratch-based final stage with no \`CMD\` or \`ENTRYPOINT\` carries only files and is not reported, nor is a
        WebAssembly image (its runtime has no process to probe). \`HEALTHCHECK NONE\` is an explicit decision (for
        example when an orchestrator probes the service itself, as Kubernetes does and ignores \`HEALTHCHECK\`) and is
        not reported. A base image may define a health check of its own; Bulkhead cannot see inside images, hence the
        low severity.
      `,
      examples: {
        bad: [
          file`
            FROM node:22
            COPY . /app
            CMD ["node", "/app/server.js"]
          `,
        ],
        good: [
          file`
            FROM node:22
            COPY . /app
            HEALTHCHECK --interval=30s CMD ["node", "/app/healthcheck.js"]
            CMD ["node", "/app/server.js"]
          `,
          file`
            FROM node:22
            HEALTHCHECK NONE
            CMD ["node", "/app/server.js"]
          `,
          file`
            FROM golang:1.23 AS build
            RUN go build -o /out/tool .
            FROM scratch
            COPY --from=build /out/tool /tool
          `,
        ],
      },
      peerNotes: prose`
        KICS, Trivy DS-0026 and Checkov CKV_DOCKER_2 also accept \`HEALTHCHECK NONE\` (they check that the instruction
        exists). hadolint DL3057 is off by default. KICS reports a scratch data image too; we do not, since nothing runs
        in it.
      `,
    },
  },

  check(model) {
    const final = model.finalStage;
    if (!final || runsNothing(final) || isWasmImage(final) || lastInChain(final, 'HEALTHCHECK')) return [];
    const finding: Finding<'missing'> = { messageId: 'missing', range: instructionSpan(final.from) };
    return [finding];
  },
});
