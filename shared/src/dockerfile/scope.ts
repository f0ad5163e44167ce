/**
 * The variables each instruction of a stage sees, as Docker scopes them: the stage's own ARGs (a bare `ARG NAME`
 * takes the global default) and ENVs, and the ENVs of the stages it is built on; an ENV wins over an ARG of the same
 * name. Values are expanded once, at parse time, by the file's Expander.
 */
import type { Arg, Env, Instruction } from 'dockerfile-ast';
import type { Expander, Scope, Value } from './expand';

interface Setting {
  line: number;
  value: Value;
}

export class StageVariables {
  private readonly env = new Map<string, Setting[]>();
  private readonly args = new Map<string, Setting[]>();

  constructor(private readonly parent: StageVariables | undefined) {}

  /** Reads the stage's ARG and ENV instructions, in order. */
  static read(
    instructions: readonly Instruction[],
    parent: StageVariables | undefined,
    globalArgs: Scope,
    expander: Expander,
  ): StageVariables {
    const variables = new StageVariables(parent);
    for (const ins of instructions) {
      const keyword = ins.getKeyword();
      const line = ins.getRange().start.line;
      if (keyword === 'ENV') {
        // Every pair of one ENV sees the values from before it (`ENV A=1 B=$A` gives B the earlier A).
        const before = variables.before(line);
        for (const prop of (ins as Env).getProperties()) {
          const value = expander.define(prop.getName(), prop.getValue() ?? '', before, prop.getRange());
          add(variables.env, prop.getName(), { line, value });
        }
      } else if (keyword === 'ARG') {
        // A default may use the ARGs declared before it, in this instruction too.
        for (const prop of (ins as Arg).getProperties()) {
          const written = prop.getValue();
          const value =
            written === null
              ? globalArgs.get(prop.getName())
              : expander.define(prop.getName(), written, variables.before(line + 1), prop.getRange());
          add(variables.args, prop.getName(), { line, value });
        }
      }
    }
    return variables;
  }

  /** The variables an instruction starting on `line` sees. */
  before(line: number): Scope {
    return { get: (name) => this.lookup(name, line) };
  }

  private lookup(name: string, line: number): Value {
    const env = latest(this.env.get(name), line);
    if (env) return env.value;
    for (let s = this.parent, guard = 0; s && guard < 100; s = s.parent, guard++) {
      const inherited = latest(s.env.get(name), Number.POSITIVE_INFINITY);
      if (inherited) return inherited.value;
    }
    return latest(this.args.get(name), line)?.value;
  }
}

function add(map: Map<string, Setting[]>, name: string, setting: Setting): void {
  const list = map.get(name);
  if (list) list.push(setting);
  else map.set(name, [setting]);
}

/** The last setting before `line`; settings are in line order. */
function latest(settings: Setting[] | undefined, line: number): Setting | undefined {
  if (!settings) return undefined;
  let low = 0;
  let high = settings.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (settings[mid].line < line) low = mid + 1;
    else high = mid;
  }
  return low > 0 ? settings[low - 1] : undefined;
}
