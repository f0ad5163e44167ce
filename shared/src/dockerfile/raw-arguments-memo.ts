/**
 * dockerfile-ast scans an instruction's text again on every `getRawArguments` call, and it calls that private method
 * about six times per instruction while parsing (`JSONInstruction`'s constructor, `processArguments`,
 * `processHeredocs`, `getFlags`), then once more for every `getArguments`, `getFlags`, `getArgumentsRange`,
 * `getHeredocs`… the model and the rules make: a third of a Dockerfile's analysis time (BENCHMARKS.md, Findings).
 * The result depends only on what the constructor stores (the document, the ranges, the escape character), which
 * nothing changes afterwards, so it is computed once per instruction object.
 *
 * The memo is installed once, when this module loads, and only on the method this version of dockerfile-ast has
 * (own method of `Instruction.prototype`, no parameters); anything else is left as published, and parsing is then
 * only slower. test/core/dockerfile-ast-memo.test.ts parses every corpus Dockerfile with and without it.
 */
import { Argument, Instruction } from 'dockerfile-ast';

type RawArguments = (this: Instruction) => Argument[];

/** An argument as data: its value, then its range's start line and character and end line and character. */
type ScannedArgument = [string, number, number, number, number];

/** Where an instruction keeps its scan: a symbol, so no name of dockerfile-ast's (now or later) is taken. */
const SCANNED = Symbol('getRawArguments scan');

/** Marks the replacement, so that a second copy of this module (another bundle in the same process) leaves it be. */
const MEMOIZED = Symbol.for('bulkhead.dockerfile-ast.getRawArguments-memo');

/** The published method and its memoised replacement, or undefined when dockerfile-ast's shape was not the expected one. */
export const rawArgumentsMemo: { original: RawArguments; memoized: RawArguments } | undefined = install();

function install(): { original: RawArguments; memoized: RawArguments } | undefined {
  const prototype = Instruction.prototype as unknown as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(prototype, 'getRawArguments')) return undefined;
  const current = prototype.getRawArguments as (RawArguments & { [MEMOIZED]?: RawArguments }) | undefined;
  if (typeof current === 'function' && current[MEMOIZED]) return { original: current[MEMOIZED], memoized: current };
  const original = current;
  if (typeof original !== 'function' || original.length !== 0) return undefined;
  // The memo rebuilds arguments from their value and range: only while that is all an Argument holds.
  const probe = new Argument('', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  if (Argument.length !== 2 || Object.keys(probe).join() !== 'value,range') return undefined;
  // The class itself, not through the bundler's live binding to dockerfile-ast's exports (a getter call per argument).
  const ArgumentClass = Argument;
  const memoized: RawArguments & { [MEMOIZED]?: RawArguments } = function (this: Instruction) {
    const self = this as Instruction & { [SCANNED]?: ScannedArgument[] | null };
    let args = self[SCANNED];
    if (args === undefined) {
      const fresh = original.call(this);
      args = snapshot(fresh, ArgumentClass);
      self[SCANNED] = args;
      if (args === null) return fresh;
    }
    if (args === null) return original.call(this);
    // New objects each call, as the published method makes them: callers change what they get (`From.getImageNameRange`
    // moves the start and end of the image argument's range; `ModifiableInstruction.getArguments` shifts the flags off
    // the array).
    const out: Argument[] = new Array<Argument>(args.length);
    for (let i = 0; i < args.length; i++) {
      const [value, startLine, startCharacter, endLine, endCharacter] = args[i];
      out[i] = new ArgumentClass(value, {
        start: { line: startLine, character: startCharacter },
        end: { line: endLine, character: endCharacter },
      });
    }
    return out;
  };
  memoized[MEMOIZED] = original;
  prototype.getRawArguments = memoized;
  return { original, memoized };
}

/** The scan as data, or null when it holds anything but plain `Argument`s (another version): such an instruction is not memoised. */
function snapshot(args: unknown, ArgumentClass: typeof Argument): ScannedArgument[] | null {
  if (!Array.isArray(args)) return null;
  const out: ScannedArgument[] = [];
  for (const arg of args as unknown[]) {
    if (!(arg instanceof ArgumentClass) || arg.constructor !== ArgumentClass) return null;
    const { value, range } = arg as unknown as {
      value: unknown;
      range:
        { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown; character?: unknown } } | undefined;
    };
    const numbers = [range?.start?.line, range?.start?.character, range?.end?.line, range?.end?.character];
    if (typeof value !== 'string' || !numbers.every((n): n is number => typeof n === 'number')) return null;
    out.push([value, numbers[0], numbers[1], numbers[2], numbers[3]]);
  }
  return out;
}
