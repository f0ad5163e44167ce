import { file, prose, type RuleMeta } from '../rule';

/**
 * Diagnostics the engine itself produces, with the same metadata shape as rules so that SARIF, docs and config treat
 * them alike. They have no check of their own.
 */
export type BuiltinMeta = Omit<RuleMeta<string>, 'kind'> & { kind: 'any' };

export const SYNTAX: BuiltinMeta = {
  id: 'syntax',
  title: 'File cannot be parsed as written',
  kind: 'any',
  severity: 'error',
  threat: 'application',
  mitigation: 'Correct the syntax so the file builds (or deploys) as intended and every rule can check it.',
  peers: {},
  references: [
    { title: 'Dockerfile reference', url: 'https://docs.docker.com/reference/dockerfile/' },
    { title: 'Compose file reference', url: 'https://docs.docker.com/reference/compose-file/' },
  ],
  fix: 'none',
  messages: { problem: '{{message}}' },
  docs: {
    description: prose`
      The file has a syntax problem that Docker or Compose would refuse (an unknown instruction, an instruction before
      \`FROM\`, broken YAML, a duplicate key), or a Dockerfile line break that Docker reads otherwise than editors show
      it (a CR without LF, which Docker does not split lines at). The rest of the file is still checked where it can be.
    `,
    examples: {
      bad: [
        file`
          FROM alpine:3.20
          RUNN echo hi
        `,
      ],
      good: [
        file`
          FROM alpine:3.20
          RUN echo hi
        `,
      ],
    },
  },
};

export const INTERNAL_ERROR: BuiltinMeta = {
  id: 'internal-error',
  title: 'A Bulkhead rule failed on this file',
  kind: 'any',
  severity: 'warning',
  threat: 'application',
  mitigation: 'Report the file to the Bulkhead maintainers; the other rules still ran.',
  peers: {},
  references: [],
  fix: 'none',
  messages: { crashed: 'Rule `{{rule}}` failed on this file ({{error}}); its findings are missing.' },
  docs: {
    description: prose`
      A rule threw an error on this file. The other rules still ran; this diagnostic says which findings may be missing.
    `,
    examples: { bad: [], good: [] },
  },
};

export const NOT_CHECKED: BuiltinMeta = {
  id: 'not-checked',
  title: 'Part of the file was not checked',
  kind: 'any',
  severity: 'warning',
  threat: 'application',
  mitigation: prose`
    Make the part readable (a smaller value, a regular file inside the workspace), or check it by hand: findings about
    it may be missing.
  `,
  peers: {},
  references: [],
  fix: 'none',
  messages: { problem: '{{message}}' },
  docs: {
    description: prose`
      Bulkhead left part of the file unchecked and says where and why: a variable that expands past the size Bulkhead
      follows, or a file the text names that Bulkhead would not or could not read (outside the workspace, not a regular
      file, missing). What depends on that part is treated as unknown; the rest of the file is checked as usual. Nothing
      is dropped silently.
    `,
    examples: { bad: [], good: [] },
  },
};

export const BUILTINS: BuiltinMeta[] = [SYNTAX, INTERNAL_ERROR, NOT_CHECKED];
