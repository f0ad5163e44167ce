// End to end in a real VS Code: code-server with the packaged .vsix installed, driven through headless Debian chromium
// by playwright-core, the way a person would use it: the workspace's problems in the Problems panel before any file
// is opened, squiggles in a Dockerfile and a compose file, a hover, quick fixes picked by title from the Ctrl+. menu
// and saved, and fix-all on save. What each step must produce (problem counts, fix titles, the fixed file) is read from
// the CLI at run time, so the test follows the rules as they change. A screenshot of each step goes to
// ARTIFACTS/screenshots/.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { applyEdits } from '../../shared/src/text';
import { RULES } from '../../shared/src/rules/index';
import { MANIFEST, REPO_ROOT, Screenshots, copyExamples, launchChromium, startCodeServer, waitFor } from './harness';

const RUN_TIMEOUT_MS = 10 * 60_000;
const UI_TIMEOUT_MS = 30_000;
const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const VSIX = process.env.BULKHEAD_VSIX ?? join(REPO_ROOT, `${MANIFEST.name}-${MANIFEST.version}.vsix`);

/** Settings for this run: fix-all on save, and no typing aids that would change what the test types. */
const SETTINGS = {
  'editor.codeActionsOnSave': { 'source.fixAll.bulkhead': 'explicit' },
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.autoIndent': 'none',
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.formatOnType': false,
  'editor.wordBasedSuggestions': 'off',
};

/** The quick fixes the issue names, by the rule that offers them; titles are read from the CLI. */
const QUICK_FIX_STEPS = [
  { step: 'add USER', rule: 'image/root-user', kind: 'dockerfile', prefer: /user/i },
  { step: 'switch to distroless', rule: 'image/full-os-base', kind: 'dockerfile', prefer: /distroless/i },
  { step: 'add cap_drop', rule: 'container/capabilities-not-dropped', kind: 'compose', prefer: /cap_drop/i },
  { step: 'add read_only', rule: 'container/writable-root-fs', kind: 'compose', prefer: /read_only/i },
] as const;

// --- what the CLI says --------------------------------------------------------------------------------------------

interface CliFix {
  title: string;
  safe: boolean;
  edits: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  }[];
}
interface CliDiagnostic {
  path: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  range: CliFix['edits'][number]['range'];
  fixes: CliFix[];
}
interface CliScan {
  files: { path: string; kind: 'dockerfile' | 'compose'; skipped: string | null }[];
  diagnostics: CliDiagnostic[];
}
interface CliRule {
  id: string;
  title: string;
  kind: string;
  mitigation: string;
  fix: string;
}

function cli(args: string[], cwd: string): string {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  // 0: nothing at or above the threshold, 1: findings; anything else is a usage, config or internal error.
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`bulkhead ${args.join(' ')} exited ${result.status ?? result.signal}: ${result.stderr}`);
  }
  return result.stdout;
}

function scan(workspace: string): CliScan {
  return JSON.parse(cli(['.', '--format', 'json'], workspace)) as CliScan;
}

function rules(): CliRule[] {
  return (JSON.parse(cli(['rules', '--format', 'json'], REPO_ROOT)) as { rules: CliRule[] }).rules;
}

/** What `bulkhead --fix` makes of `text` as the file at `path` in a copy of the workspace. */
function cliFixAll(workspace: string, path: string, text: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'bulkhead-e2e-fix-'));
  try {
    cpSync(workspace, copy, { recursive: true });
    writeFileSync(join(copy, path), text);
    cli([path, '--fix'], copy);
    return readFileSync(join(copy, path), 'utf8');
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

function counts(diagnostics: readonly CliDiagnostic[]): { errors: number; warnings: number; infos: number } {
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    infos: diagnostics.filter((d) => d.severity === 'info').length,
  };
}

const SQUIGGLE = { error: '.squiggly-error', warning: '.squiggly-warning', info: '.squiggly-info' } as const;

/** Markdown as the hover shows it: no code or emphasis marks, single spaces. */
function plain(text: string): string {
  return text.replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim();
}

// --- driving the workbench ----------------------------------------------------------------------------------------

/** Runs a command by its title through the command palette (Ctrl+Shift+P), as a person would. */
async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // A view that just took focus may swallow the first key press: press again once if no palette shows.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+Shift+P');
    try {
      await input.waitFor({ state: 'visible', timeout: attempt === 1 ? 5_000 : UI_TIMEOUT_MS });
      break;
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
  await input.fill(`>${title}`);
  await page
    .locator('.quick-input-widget .monaco-list-row', { hasText: title })
    .first()
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/** Opens a workspace file with Quick Open (Ctrl+P), picking the row for its folder, and waits for its text. */
async function openFile(page: Page, workspace: string, path: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill(path);
  const folder = dirname(path);
  const row = page
    .locator('.quick-input-widget .monaco-list-row')
    .filter({ hasText: basename(path) })
    .filter({ hasText: folder === '.' ? '' : folder })
    .first();
  await row.waitFor({ timeout: UI_TIMEOUT_MS });
  await row.click();
  const firstLine =
    readFileSync(join(workspace, path), 'utf8')
      .split(/\r?\n/)
      .find((line) => line.trim()) ?? '';
  await page
    .locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: firstLine.trim().slice(0, 40) })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  // A step that failed halfway may have left unsaved edits in this editor; the next one starts from the file on disk.
  if (await page.locator('.tabs-container .tab.active.dirty').count()) await runCommand(page, 'File: Revert File');
}

/** Puts the cursor at a 0-based position with Go to Line/Column (Ctrl+G). */
async function goTo(page: Page, line: number, character: number): Promise<void> {
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill(`:${line + 1}:${character + 1}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  await editorFocused(page);
}

/** Keys pressed while focus is still on its way back from a closing widget would go nowhere. */
async function editorFocused(page: Page): Promise<void> {
  // Evaluated in the page (a string: this file is type-checked without the DOM library).
  await page.waitForFunction(
    "document.activeElement?.closest('.editor-group-container.active .monaco-editor') != null",
    undefined,
    { timeout: UI_TIMEOUT_MS },
  );
}

/**
 * Opens the quick-fix menu (Ctrl+.) at the cursor. The editor asks the providers when the key is pressed; right after
 * a file opens the server may not have answered for it yet and the editor says "No code actions available", so the
 * key is pressed again (three times at most) as a person would.
 */
async function openQuickFixMenu(page: Page): Promise<ReturnType<Page['locator']>> {
  const rows = page.locator('.action-widget .monaco-list-row.action');
  for (let attempt = 1; ; attempt++) {
    await editorFocused(page);
    await page.keyboard.press('Control+.');
    try {
      await rows.first().waitFor({ timeout: attempt < 3 ? 5_000 : UI_TIMEOUT_MS });
      return rows;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** The Problems counts in the status bar, read from its accessible label. */
async function statusCounts(page: Page): Promise<{ errors: number; warnings: number; infos: number; label: string }> {
  const label =
    (await page
      .locator('[id="status.problems"] [aria-label], [id="status.problems"][aria-label]')
      .first()
      .getAttribute('aria-label')) ?? '';
  // "Errors: 7, Warnings: 17, Infos: 19" (1.139); "7 Errors, 17 Warnings" in other versions.
  const count = (word: string) => {
    const match = label.match(new RegExp(`${word}s?: (\\d+)|(\\d+) ${word}`, 'i'));
    return Number(match?.[1] ?? match?.[2] ?? 0);
  };
  return { errors: count('Error'), warnings: count('Warning'), infos: count('Info'), label };
}

async function showProblems(page: Page): Promise<void> {
  if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

/** Opens the quick-fix menu at the cursor and picks the entry titled `title`; returns the titles offered. */
async function pickQuickFix(page: Page, title: string, beforePick?: () => Promise<unknown>): Promise<string[]> {
  const rows = await openQuickFixMenu(page);
  const offered = (await rows.allInnerTexts()).map((text) => text.split('\n')[0].trim());
  const index = offered.findIndex((text) => plain(text) === plain(title));
  if (index < 0) {
    await page.keyboard.press('Escape');
    throw new Error(`the quick-fix menu has no "${title}"; it offers: ${JSON.stringify(offered)}`);
  }
  await beforePick?.();
  await rows.nth(index).click();
  await rows.first().waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  return offered;
}

// --- the run --------------------------------------------------------------------------------------------------------

test(
  'VS Code UI end to end: code-server with the packaged extension, driven by chromium',
  { timeout: RUN_TIMEOUT_MS },
  async (t) => {
    assert.ok(existsSync(CLI), `${CLI} is missing: npm run build`);
    assert.ok(existsSync(VSIX), `${VSIX} is missing: npm run package`);
    const workspace = copyExamples();
    const known = new Map(rules().map((rule) => [rule.id, rule]));
    const initial = scan(workspace);
    assert.ok(initial.diagnostics.length > 0, 'the CLI finds no problem in the examples: nothing to show');

    const shots = new Screenshots();
    const server = await startCodeServer({ label: 'ui', vsix: VSIX, settings: SETTINGS });
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    /** Set when the workbench itself did not come up: the steps after it are reported as not run, not as failures. */
    let broken: string | undefined;

    const only = process.env.BULKHEAD_E2E_STEPS ? new RegExp(process.env.BULKHEAD_E2E_STEPS, 'i') : undefined;
    const step = async (name: string, body: () => Promise<void>, skip?: string, critical = false) => {
      if (only && !critical && !only.test(name)) {
        await t.test(name, { skip: `left out by BULKHEAD_E2E_STEPS=${only.source}` }, () => undefined);
        return;
      }
      const reason = skip ?? (broken ? `not run: the step "${broken}" failed first` : undefined);
      if (reason) {
        console.log(`\n*** ${name}: CANNOT RUN. ${reason}\n`);
        await t.test(name, { skip: reason }, () => undefined);
        return;
      }
      await t.test(name, async () => {
        try {
          // Each step starts from a quiet editor: no hover, menu or quick input left open by the step before.
          await page.keyboard.press('Escape');
          await page.keyboard.press('Escape');
          await body();
        } catch (error) {
          if (critical) broken ??= name;
          await shots.take(page, `FAILED-${name.replace(/\W+/g, '-')}`).catch(() => undefined);
          throw error;
        }
      });
    };

    try {
      const started = Date.now();
      await step(
        'the workbench opens the example workspace',
        async () => {
          await page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}`);
          await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
          await page
            .locator('.explorer-folders-view .monaco-list-row', { hasText: 'insecure' })
            .first()
            .waitFor({ timeout: 60_000 });
          await shots.take(page, 'workbench');
        },
        undefined,
        true,
      );

      await step('the Problems panel lists the whole workspace before any file is opened', async () => {
        const expected = counts(initial.diagnostics);
        await showProblems(page);
        const shown = await waitFor(
          "the status bar to count the CLI's problems",
          async () => {
            const now = await statusCounts(page);
            return (
              now.errors === expected.errors &&
              now.warnings === expected.warnings &&
              now.infos === expected.infos &&
              now
            );
          },
          60_000,
        ).catch(async (error) => {
          throw new Error(
            `${(error as Error).message}; expected ${JSON.stringify(expected)}, status bar says "${(await statusCounts(page)).label}"`,
          );
        });
        t.diagnostic(`status bar: ${shown.label} (${((Date.now() - started) / 1000).toFixed(1)} s after opening)`);
        assert.equal(await page.locator('.tabs-container .tab').count(), 0, 'no editor should be open');
        // One row per file: the panel's own "Collapse All" title button. The panel refreshes its tree on a timer after
        // markers change and may expand a group it refreshes, so it is collapsed again before each reading.
        const collapseAll = page.locator('.part.panel .title-actions .action-label[aria-label^="Collapse All"]');
        // Each row shows file name, folder and count (their text runs together, so compare without spaces): the same
        // files as the CLI's, each with the CLI's number of problems.
        const perFile = new Map<string, number>();
        for (const d of initial.diagnostics) perFile.set(d.path, (perFile.get(d.path) ?? 0) + 1);
        const expectedRows = [...perFile]
          .map(([path, n]) => `${basename(path)}${dirname(path) === '.' ? '' : dirname(path)}${n}`)
          .sort();
        const rowTexts = async () => {
          await collapseAll.click();
          return (await page.locator('.markers-panel .monaco-list-row').allInnerTexts())
            .map((text) => text.replace(/\s+/g, ''))
            .sort();
        };
        const rows = await waitFor(
          'one Problems row per file',
          async () => {
            const texts = await rowTexts();
            return texts.length === expectedRows.length && texts;
          },
          UI_TIMEOUT_MS,
        ).catch(rowTexts);
        assert.deepEqual(rows, expectedRows, 'the Problems panel rows (file, folder, count) should match the CLI');
        await shots.take(page, 'problems-panel-workspace');
      });

      await step('the extension is active, with its activation time in Running Extensions', async () => {
        await runCommand(page, 'Developer: Show Running Extensions');
        const row = page
          .locator('.runtime-extensions-editor .monaco-list-row', {
            hasText: String(MANIFEST.displayName ?? MANIFEST.name),
          })
          .first();
        await row.waitFor({ timeout: UI_TIMEOUT_MS });
        const text = (await row.innerText()).replace(/\s+/g, ' ');
        const activation = text.match(/(\d+)\s*ms/);
        t.diagnostic(`running extensions: ${text}`);
        assert.ok(activation, `no activation time in "${text}"`);
        t.diagnostic(`activation time: ${activation[1]} ms`);
        await shots.take(page, 'running-extensions');
        // 1.139 shows it as a modal editor over the workbench; Escape closes it.
        await page.keyboard.press('Escape');
        await page.locator('.runtime-extensions-editor').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
      });

      // Dockerfile and compose steps: one file of each kind that has the most of the quick fixes.
      const dockerfile = fileFor(initial, 'dockerfile');
      const compose = fileFor(initial, 'compose');
      const composeMissing = [...known.keys()].some((id) => id.startsWith('container/'))
        ? undefined
        : 'this build has no compose rules yet (`bulkhead rules --format json` lists no container/... id), so a compose file shows no finding and has no quick fix';

      await step('a Dockerfile shows squiggles for its findings', async () => {
        assert.ok(dockerfile, 'no Dockerfile in the examples has a finding');
        await openFile(page, workspace, dockerfile);
        await expectSquiggles(
          page,
          initial.diagnostics.filter((d) => d.path === dockerfile),
        );
        await shots.take(page, 'dockerfile-squiggles');
      });

      await step('a hover over a finding shows the message, the threat and the mitigation', async () => {
        assert.ok(dockerfile, 'no Dockerfile in the examples has a finding');
        const finding =
          initial.diagnostics.find((d) => d.path === dockerfile && d.rule === 'image/root-user') ??
          initial.diagnostics.find((d) => d.path === dockerfile)!;
        // The hover may show every finding at the cursor; the mitigation of any of them is the server's hover speaking.
        const here = initial.diagnostics.filter((d) => d.path === dockerfile && contains(d.range, finding.range.start));
        await openFile(page, workspace, finding.path);
        await goTo(page, finding.range.start.line, finding.range.start.character);
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const hover = page.locator('.monaco-hover:visible').first();
        await hover.waitFor({ timeout: UI_TIMEOUT_MS });
        const mitigations = here.map((d) => known.get(d.rule)?.mitigation).filter((m): m is string => m !== undefined);
        // The diagnostic part shows at once; the server's hover part arrives after its request: wait for both.
        let text = '';
        const complete = () =>
          text.includes(plain(finding.message)) &&
          text.includes(finding.rule) &&
          /threat/i.test(text) &&
          mitigations.some((m) => text.includes(plain(m).slice(0, 60)));
        await waitFor(
          "the hover to show the finding and the server's explanation",
          async () => {
            text = plain(await hover.innerText());
            return complete();
          },
          UI_TIMEOUT_MS,
        ).catch(() => undefined);
        t.diagnostic(`hover: ${text.slice(0, 400)}`);
        assert.ok(text.includes(plain(finding.message)), `the hover should show the message "${finding.message}"`);
        // VS Code's diagnostic part shows the message; the server's part must not say it again.
        assert.equal(text.split(plain(finding.message)).length - 1, 1, 'the hover should show the message once');
        assert.ok(text.includes(finding.rule), `the hover should name the rule ${finding.rule}`);
        assert.match(text, /threat/i, 'the hover should name the threat');
        assert.ok(
          mitigations.some((m) => text.includes(plain(m).slice(0, 60))),
          `the hover should show the mitigation of one of ${JSON.stringify(here.map((d) => d.rule))}`,
        );
        await shots.take(page, 'hover');
        await page.keyboard.press('Escape');
      });

      for (const fixStep of QUICK_FIX_STEPS) {
        // Only a build without any compose rule excuses a step; a rule missing from a build that has its kind is a
        // failure below (renamed or dropped: this list must follow).
        const skip = fixStep.kind === 'compose' ? composeMissing : undefined;
        if (fixStep.kind === 'compose' && fixStep === QUICK_FIX_STEPS.find((s) => s.kind === 'compose')) {
          await step(
            'a compose file shows squiggles for its findings',
            async () => {
              assert.ok(compose, 'no compose file in the examples has a finding');
              await openFile(page, workspace, compose);
              await expectSquiggles(
                page,
                scan(workspace).diagnostics.filter((d) => d.path === compose),
              );
              await shots.take(page, 'compose-squiggles');
            },
            composeMissing,
          );
        }
        await step(
          `quick fix "${fixStep.step}" (${fixStep.rule}) edits and saves the file`,
          async () => {
            assert.ok(
              known.has(fixStep.rule),
              `rule ${fixStep.rule} is not in this build (\`bulkhead rules\` does not list it)`,
            );
            const path = fixStep.kind === 'dockerfile' ? dockerfile : compose;
            const current = scan(workspace);
            const withFix = (d: CliDiagnostic) => d.rule === fixStep.rule && d.fixes.length > 0;
            let finding =
              current.diagnostics.find((d) => d.path === path && withFix(d)) ?? current.diagnostics.find(withFix);
            if (!finding) {
              // The examples may have this rule's finding only where its fix cannot be worked out (the distroless fix needs
              // a stage it can move exactly): then the rule's own documented example is the file a person would fix.
              const written = writeRuleExample(workspace, fixStep.rule, fixStep.kind, fixStep.prefer);
              const inExamples = current.diagnostics.filter((d) => d.rule === fixStep.rule).map((d) => d.path);
              assert.ok(
                written,
                `no ${fixStep.rule} finding with a fix in the examples (its findings: ${JSON.stringify(inExamples)}) nor in the rule's documented examples`,
              );
              t.diagnostic(
                `NOTE: no ${fixStep.rule} finding in the examples has a fix (its findings: ${JSON.stringify(inExamples)}); using the rule's documented example, written to ${written}`,
              );
              finding = scan(workspace).diagnostics.find((d) => d.path === written && withFix(d))!;
            }
            const fix = finding.fixes.find((f) => fixStep.prefer.test(f.title)) ?? finding.fixes[0];
            const before = readFileSync(join(workspace, finding.path), 'utf8');
            await openFile(page, workspace, finding.path);
            await goTo(page, finding.range.start.line, finding.range.start.character);
            const offered = await pickQuickFix(page, fix.title, () =>
              shots.take(page, `quick-fix-menu-${fixStep.step.replace(/\W+/g, '-')}`),
            );
            t.diagnostic(`${fixStep.step}: picked "${fix.title}" of ${JSON.stringify(offered)}`);
            // Saved without the save participants, so that this checks the quick fix alone (fix-all on save is its own step).
            await runCommand(page, 'File: Save without Formatting');
            const expected = applyEdits(before, fix.edits);
            await waitFor(
              `${finding.path} on disk to hold the fixed text`,
              () => readFileSync(join(workspace, finding.path), 'utf8') === expected,
              UI_TIMEOUT_MS,
            ).catch((error) =>
              assert.equal(readFileSync(join(workspace, finding.path), 'utf8'), expected, (error as Error).message),
            );
            const after = scan(workspace).diagnostics.filter((d) => d.path === finding.path);
            assert.ok(
              !after.some(
                (d) =>
                  d.rule === finding.rule &&
                  d.range.start.line === finding.range.start.line &&
                  d.message === finding.message,
              ),
              `${finding.rule} is still reported at line ${finding.range.start.line + 1} after its fix`,
            );
            await shots.take(page, `after-${fixStep.step.replace(/\W+/g, '-')}`);
          },
          skip,
        );
      }

      await step('fix-all on save applies every safe fix (editor.codeActionsOnSave)', async () => {
        const current = scan(workspace);
        let path = [dockerfile, compose, ...current.diagnostics.map((d) => d.path)].find(
          (p) => p && current.diagnostics.some((d) => d.path === p && d.fixes.some((f) => f.safe)),
        );
        // Safe fixes are only those that cannot change what the build or the container does, and the examples may hold
        // none: then a safe rule's documented example is the file a person saves.
        for (const rule of RULES.filter((r) => r.meta.fix === 'safe')) {
          if (path) break;
          path = writeRuleExample(
            workspace,
            rule.meta.id,
            rule.meta.kind === 'dockerfile' ? 'dockerfile' : 'compose',
            /./,
          );
          if (path)
            t.diagnostic(
              `NOTE: no file in the examples has a safe fix; using ${rule.meta.id}'s documented example, written to ${path}`,
            );
        }
        assert.ok(path, "no file in the examples, nor a safe rule's documented example, has a finding with a safe fix");
        await openFile(page, workspace, path);
        // Type a comment at the end (a save needs a change), then Ctrl+S as a person would.
        const disk = readFileSync(join(workspace, path), 'utf8');
        const lines = disk.split(/\r?\n/);
        // Go to Line puts the focus in the editor (a click may land on a hover or leave it in the Problems panel).
        await goTo(page, lines.length - 1, lines[lines.length - 1].length);
        await page.keyboard.press('Control+End');
        if (!disk.endsWith('\n') && disk !== '') await page.keyboard.press('Enter');
        await page.keyboard.type('# edited by the e2e test');
        await page.keyboard.press('Enter');
        await page.locator('.tabs-container .tab.active.dirty').waitFor({ timeout: UI_TIMEOUT_MS });
        const typed = `${disk}${!disk.endsWith('\n') && disk !== '' ? '\n' : ''}# edited by the e2e test\n`;
        const expected = cliFixAll(workspace, path, typed);
        assert.notEqual(expected, typed, "the CLI's --fix changes nothing in this file");
        await shots.take(page, 'fix-all-before-save');
        await page.keyboard.press('Control+S');
        await waitFor(
          `${path} on disk to hold the fix-all result`,
          () => readFileSync(join(workspace, path), 'utf8') === expected,
          UI_TIMEOUT_MS,
        ).catch((error) =>
          assert.equal(readFileSync(join(workspace, path), 'utf8'), expected, (error as Error).message),
        );
        await shots.take(page, 'fix-all-after-save');
      });

      await step('the Problems panel agrees with the CLI after the fixes', async () => {
        const expected = counts(scan(workspace).diagnostics);
        await showProblems(page);
        await waitFor(
          "the status bar to count the CLI's problems",
          async () => {
            const now = await statusCounts(page);
            return now.errors === expected.errors && now.warnings === expected.warnings && now.infos === expected.infos;
          },
          UI_TIMEOUT_MS,
        ).catch(async (error) => {
          throw new Error(
            `${(error as Error).message}; expected ${JSON.stringify(expected)}, status bar says "${(await statusCounts(page)).label}"`,
          );
        });
        await shots.take(page, 'problems-panel-after-fixes');
      });
    } finally {
      await browser.close();
      await server.stop();
      rmSync(workspace, { recursive: true, force: true });
      console.log(
        `\nscreenshots (${shots.taken.length}) in ${shots.dir}:\n  ${shots.taken.map((p) => basename(p)).join('\n  ')}`,
      );
    }
  },
);

/**
 * Writes the first documented bad example of `ruleId` on which the CLI offers a fix matching `prefer` into the
 * workspace (`e2e-examples/<rule>/Dockerfile` or `compose.yaml`); returns its path, or undefined when none offers one.
 */
function writeRuleExample(
  workspace: string,
  ruleId: string,
  kind: 'dockerfile' | 'compose',
  prefer: RegExp,
): string | undefined {
  const rule = RULES.find((r) => r.meta.id === ruleId);
  const path = `e2e-examples/${ruleId.replace(/\//g, '-')}/${kind === 'dockerfile' ? 'Dockerfile' : 'compose.yaml'}`;
  mkdirSync(join(workspace, dirname(path)), { recursive: true });
  for (const example of rule?.meta.docs.examples.bad ?? []) {
    writeFileSync(join(workspace, path), example);
    const offered = scan(workspace)
      .diagnostics.filter((d) => d.path === path && d.rule === ruleId)
      .flatMap((d) => d.fixes);
    if (offered.some((f) => prefer.test(f.title))) return path;
  }
  rmSync(join(workspace, dirname(path)), { recursive: true, force: true });
  return undefined;
}

/** The file of `kind` with the most findings that the quick fixes address (then the most findings). */
function fileFor(scanned: CliScan, kind: 'dockerfile' | 'compose'): string | undefined {
  const rulesOfKind = new Set<string>(QUICK_FIX_STEPS.filter((s) => s.kind === kind).map((s) => s.rule));
  const paths = scanned.files.filter((f) => f.kind === kind && !f.skipped).map((f) => f.path);
  const score = (path: string) => {
    const own = scanned.diagnostics.filter((d) => d.path === path);
    return (
      new Set(own.filter((d) => rulesOfKind.has(d.rule) && d.fixes.length).map((d) => d.rule)).size * 1000 + own.length
    );
  };
  return paths.filter((p) => score(p) > 0).sort((a, b) => score(b) - score(a) || a.localeCompare(b))[0];
}

function contains(range: CliDiagnostic['range'], position: CliDiagnostic['range']['start']): boolean {
  const before = (a: typeof position, b: typeof position) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(range.start, position) && before(position, range.end);
}

/** Waits for a squiggle of every severity the file's findings have. */
async function expectSquiggles(page: Page, findings: readonly CliDiagnostic[]): Promise<void> {
  assert.ok(findings.length > 0, 'the file has no finding to show');
  for (const severity of new Set(findings.map((d) => d.severity))) {
    // The editor renders only the lines in view: bring the first finding of this severity into it.
    const first = findings.find((d) => d.severity === severity)!;
    await goTo(page, first.range.start.line, first.range.start.character);
    await page
      .locator(`.editor-group-container.active .monaco-editor ${SQUIGGLE[severity]}`)
      .first()
      .waitFor({ state: 'attached', timeout: 60_000 });
  }
}
