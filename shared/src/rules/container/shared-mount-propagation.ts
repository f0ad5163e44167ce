import { isMap, isScalar, type Node } from 'yaml';
import { defineRule, prose, file } from '../../rule';
import type { ComposeService } from '../../compose/model';
import type { Finding, Fix } from '../../types';
import { placeOf } from '../../container/finding-place';
import { splitVolumeSpec } from '../../container/spec';
import { ownedBy, replaceScalar } from '../../compose/edit';
import { yamlRef } from '../../compose/yaml';

interface PropagationFix {
  service: ComposeService;
  index: number;
}

/** The one-way counterpart of each two-way mode: host mounts still reach the container, its mounts stay inside. */
const ONE_WAY: Record<string, string> = { shared: 'slave', rshared: 'rslave' };

export default defineRule({
  meta: {
    id: 'container/shared-mount-propagation',
    title: 'Shared mount propagation',
    kind: 'compose',
    severity: 'warning',
    threat: 'host-container',
    mitigation: prose`
      Leave bind propagation at its default (\`rprivate\`), or use \`rslave\` where the container must see mounts the
      host makes later.
    `,
    cis: '5.19',
    peers: {},
    references: [
      {
        title: 'Docker: bind mounts, configure bind propagation',
        url: 'https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation',
      },
      {
        title: 'Compose file reference: volumes (long syntax, bind.propagation)',
        url: 'https://docs.docker.com/reference/compose-file/services/#volumes',
      },
      { title: 'Linux kernel: shared subtrees', url: 'https://docs.kernel.org/filesystems/sharedsubtree.html' },
    ],
    fix: 'unsafe',
    messages: {
      shared: prose`
        Service \`{{service}}\` mounts \`{{target}}\` with \`{{mode}}\` propagation: mounts made inside the container
        under it appear on the host and in every other container that mounts the same path.
      `,
    },
    docs: {
      description: prose`
        Reports a bind mount whose propagation is \`shared\` or \`rshared\`, in the short syntax
        (\`/srv:/srv:rshared\`) and the long one (\`bind: {propagation: rshared}\`), also when the mount comes from a
        YAML anchor or a service the service extends. With two-way propagation, a mount the container makes below
        the mounted path is replicated to the host's copy of it, and from there to every other container that mounts
        it: a compromised container that can mount (it has \`SYS_ADMIN\`, or is privileged) can lay a file system over
        a host path other processes trust. Docker's default, \`rprivate\`, propagates nothing either way.

        The fix switches to the one-way mode (\`rshared\` to \`rslave\`, \`shared\` to \`slave\`): mounts the host makes
        later still appear in the container, which is what most uses need (a storage or monitoring agent that watches
        host mounts), and nothing the container mounts leaves it. It is offered as unsafe: a plugin that mounts
        volumes for other containers (a CSI node plugin) needs two-way propagation and stops working.
      `,
      examples: {
        bad: [
          file`
            services:
              agent:
                image: alpine:3.20
                volumes:
                  - /mnt/data:/mnt/data:rshared
          `,
        ],
        good: [
          file`
            services:
              agent:
                image: alpine:3.20
                volumes:
                  - /mnt/data:/mnt/data:rslave
          `,
          file`
            services:
              agent:
                image: alpine:3.20
                volumes:
                  - /mnt/data:/mnt/data
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<'shared', PropagationFix>[] = [];
    for (const service of model.services) {
      service.spec.mounts.items.forEach((mount, index) => {
        const value = mount.value;
        // Docker applies propagation to bind mounts only.
        if (value?.type !== 'bind' || !value.propagation || !(value.propagation in ONE_WAY)) return;
        findings.push({
          messageId: 'shared',
          data: { service: service.name, target: value.target ?? '?', mode: value.propagation },
          ...placeOf(mount.origin),
          fixData: { service, index },
        });
      });
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    const data = finding.fixData;
    const service = data?.service;
    const mount = data && service?.spec.mounts.items[data.index];
    const ref = yamlRef(mount?.origin);
    const mode = mount?.value?.propagation;
    if (!service || !mount?.value || !ref || !mode || !ownedBy(model, service, mount.origin)) return [];
    const oneWay = ONE_WAY[mode];
    let node: Node | undefined;
    let text: string | undefined;
    if (mount.value.syntax === 'short' && isScalar(ref.node)) {
      node = ref.node;
      text = withPropagation(mount.text, mode, oneWay);
    } else if (isMap(ref.node)) {
      const bind = ref.node.get('bind', true);
      const written = isMap(bind) ? bind.get('propagation', true) : undefined;
      // Written as a variable's default, the variable is left to say what it says.
      if (isScalar(written) && String(written.value).trim() === mode) {
        node = written;
        text = oneWay;
      }
    }
    const edit =
      node && text !== undefined && isScalar(node)
        ? replaceScalar(model, node, { string: text }, !!ref.holder.flow)
        : undefined;
    return edit
      ? [{ title: `Use \`${oneWay}\` propagation (one way, host to container)`, safe: false, edits: [edit] }]
      : [];
  },
});

/** `/a:/b:rw,rshared` → `/a:/b:rw,rslave`; undefined when the mode is not written as such (a variable). */
function withPropagation(spec: string, mode: string, replacement: string): string | undefined {
  const parts = splitVolumeSpec(spec);
  if (parts.length !== 3) return undefined;
  const modes = parts[2].split(',');
  const at = modes.indexOf(mode);
  if (at < 0) return undefined;
  modes[at] = replacement;
  return [parts[0], parts[1], modes.join(',')].join(':');
}
