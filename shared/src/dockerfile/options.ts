/**
 * Reads a command's arguments the way GNU getopt does: options anywhere until `--`, short options clustered (`-fsSL`),
 * values attached (`-ofile`, `--output=file`) or in the next word. Rules then ask "is `-k` among curl's options?"
 * instead of searching the text, so `-k` inside `-fsSLk` is found and `-o k` (a file named k) is not.
 */
import type { ShellWord } from './shell';

export interface OptionSpec {
  /** Short option letters that take a value (`-o file`, `-ofile`). */
  shortWithValue?: string;
  /** Long options, with their dashes, that take a value (`--output file`, `--output=file`). */
  longWithValue?: readonly string[];
  /** Options spelt with one dash and a name (`-name`, `-exec`); they take no value here. */
  singleDashLong?: readonly string[];
}

export interface CommandOption {
  /** As a user names it: `-k`, `--insecure`; a short option read from `-fsSLk` is `-k`. */
  name: string;
  word: ShellWord;
  /** For a short option, the index of its letter in `word.value`. */
  letter?: number;
  /** The option's value, from the same word (`--output=f`, `-of`) or the next one. */
  value?: string;
  /** The word holding the value when it is the next word. */
  valueWord?: ShellWord;
}

export interface CommandArguments {
  options: CommandOption[];
  /** Every word that is not an option or an option's value, in order. */
  operands: ShellWord[];
}

export function readArguments(words: readonly ShellWord[], spec: OptionSpec): CommandArguments {
  const shortWithValue = spec.shortWithValue ?? '';
  const longWithValue = new Set(spec.longWithValue ?? []);
  const singleDashLong = new Set(spec.singleDashLong ?? []);
  const options: CommandOption[] = [];
  const operands: ShellWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const text = word.value;
    if (text === '--') {
      operands.push(...words.slice(i + 1));
      break;
    }
    if (text.length < 2 || text[0] !== '-') {
      operands.push(word);
      continue;
    }
    if (text.startsWith('--') || singleDashLong.has(text)) {
      const eq = text.indexOf('=');
      const name = eq > 0 ? text.slice(0, eq) : text;
      if (eq > 0) options.push({ name, word, value: text.slice(eq + 1) });
      else if (longWithValue.has(name) && i + 1 < words.length) {
        options.push({ name, word, value: words[i + 1].value, valueWord: words[i + 1] });
        i++;
      } else options.push({ name, word });
      continue;
    }
    for (let j = 1; j < text.length; j++) {
      const letter = text[j];
      if (!shortWithValue.includes(letter)) {
        options.push({ name: `-${letter}`, word, letter: j });
        continue;
      }
      if (j + 1 < text.length) options.push({ name: `-${letter}`, word, letter: j, value: text.slice(j + 1) });
      else if (i + 1 < words.length) {
        options.push({ name: `-${letter}`, word, letter: j, value: words[i + 1].value, valueWord: words[i + 1] });
        i++;
      } else options.push({ name: `-${letter}`, word, letter: j });
      break;
    }
  }
  return { options, operands };
}

/** The first option among `names`, if the command has one. */
export function findOption(args: CommandArguments, ...names: string[]): CommandOption | undefined {
  return args.options.find((o) => names.includes(o.name));
}
