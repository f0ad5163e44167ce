/**
 * Where a published port listens, and the edit that binds it to the loopback address: shared by the rules that
 * report ports open on every host interface.
 */
import { isMap, isScalar } from 'yaml';
import type { Port } from '../container/spec';
import type { Fix, TextEdit } from '../types';
import { ownedBy, replaceScalar, setMappingValue } from './edit';
import { yamlRef, type ComposeModel, type ComposeService } from './model';

export const LOOPBACK = '127.0.0.1';

/** Host addresses that mean every interface. */
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/** The port is published with no host address, or with one that means every interface. */
export function onEveryInterface(port: Port): boolean {
  return port.hostIp === undefined || WILDCARDS.has(port.hostIp);
}

/** `8080:80` → `8080 (container 80)`; a container port alone is published on a port Docker picks. */
export function describePort(port: Port): string {
  const target = `${port.target}${port.protocol !== 'tcp' ? `/${port.protocol}` : ''}`;
  return port.published ? `${port.published} (container ${target})` : `${target} (on a host port Docker picks)`;
}

/** Which published port a loopback fix binds: the service and the port's index in its `ports`. */
export interface PortFix {
  service: ComposeService;
  index: number;
}

/** Binds the port to 127.0.0.1: unsafe, since other hosts can no longer connect. */
export function loopbackFixes(model: ComposeModel, data: PortFix | undefined): Fix[] {
  const service = data?.service;
  const item = data && service?.spec.ports.items[data.index];
  const port = item?.value;
  if (!service || !item || !port || !ownedBy(model, service, item.origin)) return [];
  const ref = yamlRef(item.origin);
  let edits: TextEdit[] | undefined;
  if (ref && isMap(ref.node)) {
    edits = setMappingValue(model, ref.node, 'host_ip', { string: LOOPBACK }, [
      { after: 'published' },
      { after: 'target' },
    ]);
  } else if (ref && isScalar(ref.node)) {
    const text = boundText(item.text, port);
    const edit = text === undefined ? undefined : replaceScalar(model, ref.node, { string: text }, !!ref.holder.flow);
    edits = edit && [edit];
  }
  return edits ? [{ title: `Publish on ${LOOPBACK} only`, safe: false, edits }] : [];
}

/** The short-syntax text bound to the loopback address, or undefined when the written text cannot be edited safely. */
function boundText(text: string, port: Port): string | undefined {
  const written = text.trim();
  if (port.hostIp === undefined)
    return port.published === undefined ? `${LOOPBACK}::${written}` : `${LOOPBACK}:${written}`;
  for (const prefix of [`[${port.hostIp}]:`, `${port.hostIp}:`])
    if (written.startsWith(prefix)) return `${LOOPBACK}:${written.slice(prefix.length)}`;
  return undefined;
}
