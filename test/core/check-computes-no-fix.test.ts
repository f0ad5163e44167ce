/**
 * An editor analyses at every keystroke without fixes (`fixes: 'lazy'`): a rule's `check` hands its `fixes` what it
 * found (the stage, the instruction, the base image), and the fix plan (offsets, edits, titles) is made only when the
 * fixes are asked for. These rules used to plan their fixes in `check`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../shared/src/engine';
import type { AnyRule } from '../../shared/src/rule';
import type { DockerfileModel } from '../../shared/src/dockerfile/model';
import addInsteadOfCopy from '../../shared/src/rules/image/add-instead-of-copy';
import fullOsBase from '../../shared/src/rules/image/full-os-base';
import rootUser from '../../shared/src/rules/image/root-user';
import shellInShellLessStage from '../../shared/src/rules/image/shell-in-shell-less-stage';

const CASES: { rule: AnyRule; fixable: string[] }[] = [
  {
    rule: fullOsBase,
    fixable: [
      'FROM python:3.12\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n',
      'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/server .\nCMD ["/out/server"]\n',
    ],
  },
  {
    rule: rootUser,
    fixable: [
      'FROM debian:12\nRUN apt-get update\nCMD ["bash"]\n',
      'FROM node:22\nUSER root\nCMD ["node", "server.js"]\n',
      'FROM debian:12\nRUN useradd --system app\nCMD ["bash"]\n',
    ],
  },
  {
    rule: addInsteadOfCopy,
    fixable: ['FROM python:3.12-slim\nADD --checksum=sha256:00 requirements.txt /app/\n'],
  },
  {
    rule: shellInShellLessStage,
    fixable: [
      'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nCMD /app --serve\n',
      'FROM gcr.io/distroless/java21-debian12\nRUN java -version\nCMD ["app.jar"]\n',
      'FROM scratch\nCOPY app /app\nHEALTHCHECK CMD /app --health\nENTRYPOINT ["/app"]\n',
    ],
  },
];

/** Every plain object and array the parsed model holds: what a finding may point at without having computed it. */
function modelObjects(model: DockerfileModel): Set<object> {
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (!isPlain(value) || seen.has(value)) return;
    seen.add(value);
    for (const inner of Object.values(value)) visit(inner);
  };
  visit(model.stages);
  return seen;
}

function isPlain(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === Array.prototype;
}

/**
 * What in a finding's fixData is a fix plan: an edit, a title, or an offset into the text (a number), outside the
 * objects of the model (a parser instruction, a stage and its image are what the check found).
 */
function planParts(fixData: unknown, model: DockerfileModel): string[] {
  const fromModel = modelObjects(model);
  const found: string[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'number') found.push(`${path} = ${value}`);
    if (!isPlain(value) || fromModel.has(value) || seen.has(value)) return;
    seen.add(value);
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'edits' || key === 'newText' || key === 'title') found.push(`${path}.${key}`);
      visit(inner, `${path}.${key}`);
    }
  };
  visit(fixData, 'fixData');
  return found;
}

describe('check computes no fix', () => {
  for (const { rule, fixable } of CASES) {
    it(`${rule.meta.id}: findings hold what check found, and fixes make the plan from it`, () => {
      let fixes = 0;
      for (const code of [...rule.meta.docs.examples.bad, ...fixable]) {
        const { model } = parseFile('dockerfile', code, 'Dockerfile');
        for (const finding of rule.check(model)) {
          assert.deepEqual(planParts(finding.fixData, model as DockerfileModel), [], code);
          fixes += rule.fixes?.(finding, model).length ?? 0;
        }
      }
      // Not vacuous: the same findings do get their fixes.
      assert.ok(fixes >= fixable.length, `${rule.meta.id}: ${fixes} fixes for ${fixable.length} fixable files`);
    });
  }
});
