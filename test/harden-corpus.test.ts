/**
 * "Harden service" over every compose service of the real corpus whose image has a profile (or whose Dockerfile builds
 * on one and keeps its entrypoint): the hardened file keeps every capability and writable path the profile lists, a
 * re-scan shows no missing hardening left for the service, and `docker-compose config` still accepts the file when it
 * accepted the original. The counts (services hardened, with a profile, with workspace facts, with an assumption) are
 * printed for the closing note.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import { analyzeText } from '../shared/src/engine';
import { parseComposeProject } from '../shared/src/compose/project';
import { needsOf } from '../shared/src/compose/service-needs';
import { applyEdits } from '../shared/src/text';
import { isAtOrBelow } from '../shared/src/container/spec';
import { readCorpus, readCorpusFile, realDir } from './corpus-files';
import { baseEnv, findDockerCompose, runJobs, writeJob } from './docker-compose';

const GROUP = 'container/missing-hardening';
const ASPECTS = new Set([
  'container/capabilities-not-dropped',
  'container/writable-root-fs',
  'container/no-new-privileges',
  'container/memory-unlimited',
  'container/cpu-unlimited',
  'container/pids-unlimited',
]);

interface Hardened {
  file: string;
  service: string;
  profile: string;
  output: string;
}

describe('Harden service over the real corpus', () => {
  if (!existsSync(join(realDir, 'index.json'))) {
    it('corpus present', { skip: `the shared corpus is not at ${realDir}` }, () => {});
    return;
  }
  const files = readCorpus();
  const hardened: Hardened[] = [];
  const failures: Record<'kept' | 'left' | 'compose', string[]> = { kept: [], left: [], compose: [] };
  const counts = { groups: 0, harden: 0, profile: 0, workspace: 0, assumption: 0, profiled: 0 };
  const dockerCompose = findDockerCompose();
  const work = mkdtempSync(join(tmpdir(), 'bulkhead-harden-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  before(async () => {
    for (const file of files) {
      const report = analyzeText(file.name, file.text, 'compose', { context: { readFile: readCorpusFile } });
      const model = parseComposeProject(file.text, file.name, { readFile: readCorpusFile });
      for (const d of report.diagnostics) {
        if (d.ruleId !== GROUP) continue;
        counts.groups++;
        const name = /`([^`]+)`/.exec(d.message)?.[1];
        const service = model.services.find((s) => s.name === name);
        const fix = d.fixes.find((f) => f.title.startsWith('Harden service'));
        if (!service || !fix) continue;
        counts.harden++;
        if (fix.basis?.assumption) counts.assumption++;
        else if (fix.basis?.facts.some((f) => f.includes('image profile'))) counts.profile++;
        else counts.workspace++;
        const needs = needsOf(model, service);
        if (needs.profile?.role !== 'service') continue;
        counts.profiled++;
        const output = applyEdits(file.text, fix.edits);
        hardened.push({ file: file.name, service: service.name, profile: needs.profile.id, output });
        const where = `${file.name} ${service.name} (${needs.profile.id})`;
        const written =
          parseDocument(output, { merge: true }).toJS({ maxAliasCount: -1 })?.services?.[service.name] ?? {};
        const capAdd = new Set<string>(
          (written.cap_add ?? []).map((c: string) => c.toUpperCase().replace(/^CAP_/, '')),
        );
        for (const need of needs.capabilities.needs)
          if (!capAdd.has(need.capability) && !capAdd.has('ALL'))
            failures.kept.push(`${where}: no ${need.capability} in cap_add`);
        const mounted = [
          ...[].concat(written.tmpfs ?? []).map((t: string) => String(t).split(':')[0]),
          ...(written.volumes ?? []).map((v: unknown) =>
            typeof v === 'string'
              ? v.split(':')[v.split(':').length > 1 ? 1 : 0]
              : ((v as { target?: string }).target ?? ''),
          ),
        ];
        if (written.read_only === true) {
          for (const p of [...needs.runtimePaths, ...needs.statePaths]) {
            if (p.imageVolume) continue;
            if (!mounted.some((m) => m && isAtOrBelow(p.path, m.replace(/\/+$/, '') || '/')))
              failures.kept.push(`${where}: ${p.path} is not writable under read_only`);
          }
        }
        const again = analyzeText(file.name, output, 'compose', { context: { readFile: readCorpusFile } });
        const left = again.diagnostics.filter(
          (x) =>
            (x.ruleId === GROUP || ASPECTS.has(x.ruleId)) &&
            x.severity !== 'info' &&
            x.message.includes(`\`${service.name}\``),
        );
        for (const x of left) failures.left.push(`${where}: ${x.ruleId} ${x.message}`);
      }
    }
    if (!dockerCompose.path) return;
    const env = baseEnv(work);
    const originals = await runJobs(
      dockerCompose,
      files.map((f) => ({ project: dirname(join(realDir, f.name)), file: join(realDir, f.name), env })),
      work,
    );
    const accepted = new Set(files.filter((_, i) => originals[i].code === 0).map((f) => f.name));
    const checked = hardened.filter((h) => accepted.has(h.file));
    const results = await runJobs(
      dockerCompose,
      checked.map((h, i) => ({
        project: dirname(join(realDir, h.file)),
        file: writeJob(work, `h${i}`, h.output, basename(h.file)),
        env,
      })),
      work,
    );
    results.forEach((r, i) => {
      if (r.code !== 0) failures.compose.push(`${checked[i].file} ${checked[i].service}: ${r.message}`);
    });
    console.log(
      `harden corpus: ${counts.groups} services missing hardening, ${counts.harden} with a Harden fix (${counts.profile} from an image profile, ${counts.workspace} from workspace facts, ${counts.assumption} with a stated assumption); ${counts.profiled} hardened from a service profile, ${checked.length} of them checked by docker-compose`,
    );
  });

  const failing = (key: keyof typeof failures, what: string) => {
    const list = failures[key];
    assert.equal(list.length, 0, `${list.length} ${what}:\n${list.slice(0, 15).join('\n')}`);
  };
  it('hardens services whose image has a profile', () =>
    assert.ok(hardened.length > 10, `only ${hardened.length} services hardened from a profile`));
  it('keeps every capability and writable path the profile lists', () =>
    failing('kept', 'hardened services lose what their image needs'));
  it('leaves no missing hardening for the service on a re-scan', () =>
    failing('left', 'hardened services still miss settings'));
  it(
    'docker-compose config accepts every hardened file whose original it accepts',
    { skip: !dockerCompose.path && dockerCompose.why },
    () => failing('compose', 'hardened files docker-compose rejects'),
  );
});
