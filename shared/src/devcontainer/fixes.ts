/**
 * The container rules' fixes for a devcontainer.json: the compose fixes edit YAML, these edit the JSONC text
 * (edit.ts). A finding is matched to the setting it reports by its range, so the rules' own fix data is not read.
 * Every fix here may change what the dev container can do, so all are unsafe.
 */
import type { Node } from 'jsonc-parser';
import type { Finding, Fix, Range, TextEdit } from '../types';
import { comparePositions } from '../text';
import type { Origin, Setting } from '../container/spec';
import { imageProfile } from '../images/lookup';
import type { ImageRef } from '../dockerfile/image-ref';
import { appendElement, appendProperty, removeChildren } from './edit';
import { propertiesOf, type JsonRef } from './json';
import { devcontainerImageUser } from './known-users';
import type { DevcontainerModel } from './model';

type Fixer = (finding: Finding, model: DevcontainerModel) => Fix[];

export const DEVCONTAINER_FIXES: Partial<Record<string, Fixer>> = {
  'container/privileged': (finding, model) => {
    const privileged = model.services[0]?.spec.privileged;
    if (!privileged || !at(privileged.origin, finding.range)) return [];
    const edits = removeSetting(model, privileged.origin);
    const runArg = jsonRefOf(privileged.origin)?.elements;
    return edits
      ? [{ title: runArg ? 'Remove `--privileged` from `runArgs`' : 'Remove `"privileged": true`', safe: false, edits }]
      : [];
  },
  'container/dangerous-capability': (finding, model) => {
    const item = model.services[0]?.spec.capAdd.items.find((i) => at(i.origin, finding.range));
    const edits = item && removeSetting(model, item.origin);
    if (!item || !edits) return [];
    // The array's own key: `capAdd`, or `runArgs` for `--cap-add`.
    const where = String(jsonRefOf(item.origin)?.elements?.[0].parent?.parent?.children?.[0].value ?? 'capAdd');
    return [{ title: `Remove \`${item.value ?? item.text}\` from \`${where}\``, safe: false, edits }];
  },
  'container/capabilities-not-dropped': (_finding, model) =>
    addRunArg(model, '--cap-drop=ALL', 'tools that need a capability (`sudo`, `apt-get`, `ping`) stop working'),
  'container/no-new-privileges': (finding, model) =>
    finding.messageId === 'missing'
      ? addRunArg(model, '--security-opt=no-new-privileges', '`sudo` and other setuid programs stop working')
      : [],
  'container/root-user': (finding, model) => {
    const root = model.root;
    const spec = model.services[0]?.spec;
    if (!root || !spec || finding.messageId === 'profileNeedsRoot') return [];
    const known = devcontainerImageUser(spec.image?.value) ?? profileUser(spec.image?.value);
    const user = known?.user ?? 'vscode';
    const why = known ? ` (${known.source})` : ` — the image must have a \`${user}\` user`;
    const value = JSON.stringify(user);
    const current = propertiesOf(root).get('remoteUser');
    const edits: TextEdit[] = current
      ? [{ range: model.source.rangeOf(current.children![1].offset, end(current.children![1])), newText: value }]
      : appendProperty(model.source, root, 'remoteUser', value);
    return [
      {
        title: `Set \`remoteUser\` to \`${user}\`${why}`,
        safe: false,
        edits,
        basis: known ? { facts: [known.source] } : { facts: [], assumption: `the image has a \`${user}\` user` },
      },
    ];
  },
};

/**
 * A named account the image's profile says it creates (`node` in the node image): `remoteUser` needs a user with a
 * name and a home, which a numeric `runAs` may not have.
 */
function profileUser(ref: ImageRef | undefined): { user: string; source: string } | undefined {
  const profile = imageProfile(ref);
  const account = profile?.user.accounts?.[0];
  return account ? { user: account.name, source: `the \`${profile.id}\` image creates it` } : undefined;
}

function at(origin: Origin, range: Range): boolean {
  return same(origin.entryRange, range) || same(origin.range, range);
}

function same(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

function jsonRefOf(origin: Origin): JsonRef | undefined {
  return origin.ref as JsonRef | undefined;
}

function end(node: Node): number {
  return node.offset + node.length;
}

/** Removes the property or `runArgs`/`capAdd` elements a setting was read from; undefined for a feature's. */
function removeSetting(model: DevcontainerModel, origin: Origin): TextEdit[] | undefined {
  const ref = jsonRefOf(origin);
  if (ref?.property?.parent) {
    const parent = ref.property.parent;
    const index = parent.children!.indexOf(ref.property);
    return index >= 0 ? removeChildren(model.source, parent, index) : undefined;
  }
  const elements = ref?.elements;
  const array = elements?.[0].parent;
  if (!elements || !array) return undefined;
  const from = array.children!.indexOf(elements[0]);
  const to = array.children!.indexOf(elements[elements.length - 1]);
  return from >= 0 && to >= from ? removeChildren(model.source, array, from, to) : undefined;
}

/** Appends a `docker run` flag to `runArgs`, written when absent. */
function addRunArg(model: DevcontainerModel, flag: string, consequence: string): Fix[] {
  const root = model.root;
  if (!root || model.composeService) return [];
  const runArgs = propertiesOf(root).get('runArgs')?.children?.[1];
  if (runArgs && runArgs.type !== 'array') return [];
  const value = JSON.stringify(flag);
  const edits = runArgs
    ? appendElement(model.source, runArgs, value)
    : appendProperty(model.source, root, 'runArgs', `[${value}]`);
  return [
    {
      title: `Add \`${flag}\` to \`runArgs\` — ${consequence}`,
      safe: false,
      edits,
      basis: { facts: [], assumption: `nothing in the dev container relies on it (${consequence})` },
    },
  ];
}

export type { Setting };
