import { isScalar } from 'yaml';
import { defineRule, prose, file } from '../../rule';
import type { ComposeService } from '../../compose/model';
import type { Finding, Fix } from '../../types';
import { placeOf } from '../../container/finding-place';
import { ownedBy, replaceScalar } from '../../compose/edit';
import { yamlRef } from '../../compose/yaml';

interface LoggingFix {
  service: ComposeService;
}

export default defineRule({
  meta: {
    id: 'container/logging-disabled',
    title: 'Logging disabled',
    kind: 'compose',
    severity: 'warning',
    threat: 'external-container',
    mitigation: prose`
      Keep a logging driver: leave \`logging.driver\` unset (the daemon default) or use \`local\`, which rotates its
      files.
    `,
    peers: {},
    references: [
      { title: 'Docker: configure logging drivers', url: 'https://docs.docker.com/engine/logging/configure/' },
      { title: 'Docker: the local logging driver', url: 'https://docs.docker.com/engine/logging/drivers/local/' },
      {
        title: 'Compose file reference: logging',
        url: 'https://docs.docker.com/reference/compose-file/services/#logging',
      },
    ],
    fix: 'unsafe',
    messages: {
      none: prose`
        Service \`{{service}}\` logs nothing (\`driver: none\`): an intrusion or a crash in it leaves no trace, and
        \`docker logs\` shows nothing.
      `,
    },
    docs: {
      description: prose`
        Reports a service whose logging driver is \`none\`, also when it comes from a YAML anchor, a service it
        extends or an override file. With \`none\` the container's output is thrown away: \`docker logs\` returns
        nothing, and no log collector receives anything, so an attack on the service, or the error before it
        crashed, leaves no record to investigate.

        A driver written as a variable that is not set is not reported (its value is unknown). The fix switches to
        the \`local\` driver, which keeps the output on the host in rotated files (100 MB per container by default,
        so the disk does not fill) and serves \`docker logs\`; it is offered as unsafe, because a service silenced on
        purpose (a very chatty one) will now write to the host's disk.
      `,
      examples: {
        bad: [
          file`
            services:
              app:
                image: nginx:1.27
                logging:
                  driver: none
          `,
        ],
        good: [
          file`
            services:
              app:
                image: nginx:1.27
          `,
          file`
            services:
              app:
                image: nginx:1.27
                logging:
                  driver: local
          `,
        ],
      },
    },
  },

  check(model) {
    const findings: Finding<'none', LoggingFix>[] = [];
    for (const service of model.services) {
      const driver = service.spec.logDriver;
      if (driver?.value?.trim() !== 'none') continue;
      findings.push({
        messageId: 'none',
        data: { service: service.name },
        ...placeOf(driver.origin),
        fixData: { service },
      });
    }
    return findings;
  },

  fixes(finding, model): Fix[] {
    const data = finding.fixData;
    const service = data?.service;
    const driver = service?.spec.logDriver;
    // Text shared with other services through an anchor, or written in another file, is left as it is; so is a
    // variable's default (`${LOG_DRIVER:-none}`), which the variable may still set.
    if (!service || !driver || !ownedBy(model, service, driver.origin) || driver.text.trim() !== 'none') return [];
    const ref = yamlRef(driver.origin);
    const edit =
      ref && isScalar(ref.node) ? replaceScalar(model, ref.node, { string: 'local' }, !!ref.holder.flow) : undefined;
    return edit
      ? [{ title: 'Log with the `local` driver (rotated files, `docker logs`)', safe: false, edits: [edit] }]
      : [];
  },
});
