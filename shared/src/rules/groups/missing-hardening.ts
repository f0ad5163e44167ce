import { defineGroup, prose, file } from '../../rule';
import {
  dropCapabilities,
  joinWords,
  noNewPrivileges,
  readOnlyRoot,
  type HardeningEdit,
} from '../../compose/hardening';
import { addLimits, memoryFor } from '../../compose/limits';
import { needsOf } from '../../compose/service-needs';
import type { ResourceKind } from '../../container/limits';
import { mergeEdits } from '../../text';
import type { Fix, FixBasis, TextEdit } from '../../types';

/**
 * Settings written one by one into an empty flow mapping (`web: {}`) are each inserted at its opening brace, bare:
 * joined into one fix they need a comma between them.
 */
function commaSeparated(edits: readonly TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.map((e) => {
    const { start, end } = e.range;
    if (start.line !== end.line || start.character !== end.character) return e;
    const at = `${start.line}:${start.character}`;
    if (!seen.has(at)) {
      seen.add(at);
      return e;
    }
    return { range: e.range, newText: `, ${e.newText}` };
  });
}
import { serviceNamed } from '../../compose/model';

/** The member rules, in the order a service's missing settings are listed and written. */
export const HARDENING_ORDER = [
  'container/capabilities-not-dropped',
  'container/writable-root-fs',
  'container/no-new-privileges',
  'container/memory-unlimited',
  'container/cpu-unlimited',
  'container/pids-unlimited',
];

const LIMIT_KINDS: Record<string, ResourceKind> = {
  'container/memory-unlimited': 'memory',
  'container/cpu-unlimited': 'cpu',
  'container/pids-unlimited': 'pids',
};

export default defineGroup({
  order: HARDENING_ORDER,
  meta: {
    id: 'container/missing-hardening',
    title: 'Service hardening missing',
    kind: 'compose',
    severity: 'warning',
    threat: 'host-container',
    mitigation: prose`
      Drop all capabilities and add back only what the image needs, make the root filesystem read-only, set
      \`no-new-privileges\`, and limit memory, CPU and processes.
    `,
    cis: '5.3',
    peers: {},
    references: [
      {
        title: 'OWASP Docker Security Cheat Sheet',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
      },
      {
        title: 'Docker run reference: runtime privilege and Linux capabilities',
        url: 'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
      },
      { title: 'Docker resource constraints', url: 'https://docs.docker.com/engine/containers/resource_constraints/' },
    ],
    fix: 'unsafe',
    messages: { missing: 'Service `{{service}}` is missing {{count}} hardening settings: {{list}}.' },
    docs: {
      description: prose`
        One finding per service for the hardening settings it lacks, in place of one finding per setting: dropped
        capabilities (\`container/capabilities-not-dropped\`), a read-only root filesystem
        (\`container/writable-root-fs\`), \`no-new-privileges\` (\`container/no-new-privileges\`), and memory, CPU and
        process limits (\`container/memory-unlimited\`, \`container/cpu-unlimited\`, \`container/pids-unlimited\`). A
        service that lacks only one of them gets that rule's own finding. Each setting stays configurable by its own id:
        turned off, it leaves the list; suppressed on the service, likewise. Configuring or suppressing
        \`container/missing-hardening\` itself applies to the whole list. JSON and SARIF reports list the settings with
        their rule ids.

        Settings that are dangerous by themselves (\`privileged\`, the Docker socket, host mounts and namespaces,
        dangerous capabilities, secrets) are not part of it: they stay findings of their own.

        The fix **Harden service** writes every missing setting at once, from what the service needs: the capabilities
        its image needs back and the paths it writes, from the image's profile or the Dockerfile it builds (see each
        rule's page), and limits for you to adjust. Beside it, each setting's own fix is offered. Where nothing tells
        what the service needs, the title says what the fix assumes. It is never applied by fix-all.
      `,
      examples: {
        bad: [
          file`
            services:
              app:
                image: nginx:1.27
          `,
        ],
        good: [
          file`
            services:
              app:
                image: nginxinc/nginx-unprivileged:1.27
                read_only: true
                tmpfs: [/tmp]
                cap_drop: [ALL]
                security_opt: [no-new-privileges:true]
                mem_limit: 256m
                cpus: 0.5
                pids_limit: 100
          `,
          file`
            services:
              app:
                image: nginxinc/nginx-unprivileged:1.27
                read_only: true
                tmpfs: [/tmp]
                cap_drop: [ALL]
                security_opt: [no-new-privileges:true]
                mem_limit: 256m
                cpus: 0.5
          `,
        ],
      },
    },
  },

  fixes(members, model): Fix[] {
    const name = members[0]?.finding.data?.service;
    const service = serviceNamed(model, name);
    if (!service) return [];
    const needs = needsOf(model, service);
    const ids = new Set(members.map((m) => m.ruleId));
    const parts: HardeningEdit[] = [];
    const add = (edit: HardeningEdit | undefined): boolean => {
      if (edit) parts.push(edit);
      return !!edit;
    };
    if (ids.has('container/capabilities-not-dropped') && !add(dropCapabilities(model, service, needs))) return [];
    if (ids.has('container/writable-root-fs') && !add(readOnlyRoot(model, service, needs))) return [];
    if (
      ids.has('container/no-new-privileges') &&
      !needs.noNewPrivilegesUnsupported &&
      !add(noNewPrivileges(model, service, needs))
    )
      return [];
    const kinds = HARDENING_ORDER.filter((id) => ids.has(id) && LIMIT_KINDS[id]).map((id) => LIMIT_KINDS[id]);
    if (kinds.length) {
      const memory = kinds.includes('memory') ? memoryFor(model, service) : {};
      const limits = addLimits(model, service, kinds, memory.amount);
      if (!limits) return [];
      parts.push({
        what: limits.written.join(', '),
        edits: limits.edits,
        basis: { facts: memory.basis ? [memory.basis] : [] },
        caveats: [],
      });
    }
    const written = parts.flatMap((p) => p.edits);
    const edits = mergeEdits(
      model.source,
      service.map?.flow && !service.map.items.length ? commaSeparated(written) : written,
    );
    if (!edits?.length) return [];
    const basis: FixBasis = { facts: [...new Set(parts.flatMap((p) => p.basis.facts))] };
    const assumptions = parts.flatMap((p) => (p.basis.assumption ? [p.basis.assumption] : []));
    if (assumptions.length) basis.assumption = joinWords(assumptions);
    const caveats = parts.flatMap((p) => p.caveats);
    const from = basis.facts.length && !basis.assumption ? ` (from ${joinWords(basis.facts)})` : '';
    const checks = [
      ...(basis.assumption ? [`check that ${basis.assumption}`] : []),
      ...caveats,
      ...(kinds.length ? ['adjust the limits to its load'] : []),
    ];
    return [
      {
        title: `Harden service \`${service.name}\`${from}${checks.length ? ` — ${checks.join('; ')}` : ''}`,
        safe: false,
        edits,
        basis,
      },
    ];
  },
});
