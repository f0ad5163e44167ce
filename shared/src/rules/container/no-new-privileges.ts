import { defineRule, prose, file } from '../../rule';
import { placeOf, placeOfMissing } from '../../container/finding-place';
import { isTrueFlag, type SecurityOpt, type Setting } from '../../container/spec';
import { ownedBy, replaceScalar } from '../../compose/edit';
import { yamlRef } from '../../compose/model';
import { hardeningFix, noNewPrivileges } from '../../compose/hardening';
import { needsOf, profileOfService } from '../../compose/service-needs';
import type { ComposeService } from '../../compose/model';
import type { Finding, Fix } from '../../types';
import { isScalar } from 'yaml';

interface NoNewPrivilegesFix {
  service: ComposeService;
  /** Index of a `no-new-privileges:false` item to turn on; absent when the option is missing. */
  index?: number;
}

export default defineRule({
  meta: {
    id: 'container/no-new-privileges',
    title: 'Processes may gain privileges (no-new-privileges not set)',
    kind: 'compose',
    severity: 'warning',
    threat: 'host-container',
    mitigation: prose`
      Add \`no-new-privileges:true\` to \`security_opt\`, so setuid programs and file capabilities cannot raise a
      process above the privileges it started with.
    `,
    cis: '5.25',
    peers: { kics: ['No New Privileges Not Set'] },
    references: [
      {
        title: 'Docker run reference: security options',
        url: 'https://docs.docker.com/reference/cli/docker/container/run/#security-opt',
      },
      { title: 'Linux kernel: no_new_privs', url: 'https://docs.kernel.org/userspace-api/no_new_privs.html' },
    ],
    fix: 'unsafe',
    messages: {
      missing: prose`
        Service \`{{service}}\` does not set \`no-new-privileges\`: a setuid program in it (su, sudo, ping, …) can raise
        a compromised process to root.
      `,
      disabled: prose`
        Service \`{{service}}\` sets \`no-new-privileges\` to false: a setuid program in it can raise a compromised
        process to root.
      `,
      unsupported: prose`
        Service \`{{service}}\` does not set \`no-new-privileges\`, which the \`{{profile}}\` image cannot run with:
        {{why}}.
      `,
    },
    aspect: { group: 'container/missing-hardening', label: '`no-new-privileges`', messages: ['missing'] },
    docs: {
      description: prose`
        Reports a service whose \`security_opt\` does not turn on \`no-new-privileges\` (written \`no-new-privileges\`,
        \`no-new-privileges:true\` or \`no-new-privileges=true\`), or turns it off. With it, the kernel refuses to let
        \`execve\` grant more privileges than the calling process has, so setuid binaries and file capabilities stop
        working as escalation paths. The fix is offered one by one: a service that relies on \`su\`, \`sudo\` or another
        setuid program at run time stops working with it.
      `,
      examples: {
        bad: [
          file`
            services:
              app:
                image: alpine:3.20
          `,
          file`
            services:
              app:
                image: alpine:3.20
                security_opt:
                  - no-new-privileges:false
          `,
        ],
        good: [
          file`
            services:
              app:
                image: alpine:3.20
                security_opt:
                  - no-new-privileges:true
          `,
        ],
      },
      peerNotes: prose`
        KICS reports \`no-new-privileges:false\` at the \`security_opt\` key; we report the item that turns it off. KICS
        "Security Opt Not Set" (any \`security_opt\` at all) is not claimed: an option such as \`apparmor:unconfined\`
        satisfies it while weakening the container.
      `,
    },
  },

  check(model) {
    const findings: Finding<'missing' | 'disabled' | 'unsupported', NoNewPrivilegesFix>[] = [];
    for (const service of model.services) {
      const { spec } = service;
      const items = spec.securityOpt.items;
      let last: { item: Setting<SecurityOpt>; index: number } | undefined;
      items.forEach((item, index) => {
        if (item.value?.name === 'no-new-privileges') last = { item, index };
      });
      const data = { service: service.name };
      if (last) {
        if (last.item.value && !isTrueFlag(last.item.value.value)) {
          findings.push({
            messageId: 'disabled',
            data,
            ...placeOf(last.item.origin),
            fixData: { service, index: last.index },
          });
        }
        continue;
      }
      if (spec.partial || spec.securityOpt.unknown) continue;
      const holder = spec.securityOpt.holders[0];
      const place = holder ? placeOf(holder, 'key') : placeOfMissing(spec);
      const unsupported = profileOfService(service)?.noNewPrivilegesUnsupported;
      if (unsupported)
        findings.push({
          messageId: 'unsupported',
          data: { ...data, profile: profileOfService(service)!.id, why: unsupported.why },
          ...place,
          severity: 'info',
        });
      else
        findings.push({
          messageId: 'missing',
          data,
          ...place,
          fixData: { service },
        });
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    const data = finding.fixData;
    const service = data?.service;
    if (!service || !data) return [];
    const list = service.spec.securityOpt;
    if (data.index !== undefined) {
      const item = list.items[data.index];
      const ref = yamlRef(item?.origin);
      if (!item?.value || !ref || !isScalar(ref.node) || !ownedBy(model, service, item.origin)) return [];
      const separator = item.value.separator || ':';
      const edit = replaceScalar(model, ref.node, { string: `no-new-privileges${separator}true` }, !!ref.holder.flow);
      return edit ? [{ title: 'Set `no-new-privileges` to true', safe: false, edits: [edit] }] : [];
    }
    const needs = needsOf(model, service);
    if (needs.noNewPrivilegesUnsupported) return [];
    const edit = noNewPrivileges(model, service, needs);
    return edit ? [hardeningFix(edit)] : [];
  },
});
