/**
 * Dev container `mounts` entries: a `docker run --mount` string (`source=/var/run/docker.sock,target=/x,type=bind`)
 * or an object (`{ "source": …, "target": …, "type": "bind" }`), as the Dev Container CLI passes them to `--mount`.
 */
import type { Node } from 'jsonc-parser';
import type { SourceText } from '../text';
import { normalizeHostPath, type Mount } from '../container/spec';

/**
 * The Dev Container CLI's variables that say where a host path is, as the mount readers understand them: the user's
 * home (`${localEnv:HOME}`, `${localEnv:USERPROFILE}`) is `~`, the workspace folder (`${localWorkspaceFolder}`) stays
 * inside the project (`.`). Other variables are left as written: their value is not known here.
 */
export function withHostVariables(text: string): string {
  return text.replace(/\$\{localEnv:(?:HOME|USERPROFILE)\}/g, '~').replace(/\$\{localWorkspaceFolder\}/g, '.');
}

/** `type=bind,source=/x,target=/y,readonly,bind-propagation=rshared`, as Docker's `--mount` reads it. */
export function readMountText(text: string): Mount | undefined {
  const fields = new Map<string, string>();
  for (const field of text.split(',')) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    if (key) fields.set(key, eq < 0 ? 'true' : field.slice(eq + 1).trim());
  }
  return mountOf(fields);
}

export function readMountObject(source: SourceText, object: Node): Mount | undefined {
  const fields = new Map<string, string>();
  for (const property of object.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value && (value.type === 'string' || value.type === 'boolean'))
      fields.set(String(key.value).toLowerCase(), String(value.value));
  }
  return mountOf(fields);
}

function mountOf(fields: Map<string, string>): Mount | undefined {
  const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination');
  if (!target) return undefined;
  const source = fields.get('source') ?? fields.get('src');
  const type = (fields.get('type') ?? 'volume').toLowerCase();
  const readonly = fields.get('readonly') ?? fields.get('ro');
  const mount: Mount = {
    type,
    target,
    readOnly: readonly !== undefined && ['true', '1'].includes(readonly.toLowerCase()),
    syntax: 'long',
  };
  if (source) mount.source = source;
  const propagation = fields.get('bind-propagation');
  if (propagation) mount.propagation = propagation;
  if (type === 'bind' && source) {
    const host = normalizeHostPath(withHostVariables(source));
    if (host !== undefined) mount.hostPath = host;
  }
  return mount;
}
