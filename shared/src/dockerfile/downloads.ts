/**
 * Downloads in build commands (curl, wget): which tool, its options, and whether the body goes to standard output,
 * where a pipe or a `$(…)` can pick it up.
 */
import { appletWords, basename, type ShellWord, type SimpleCommand } from './shell';
import { readArguments, findOption, type CommandArguments, type OptionSpec } from './options';

export const CURL_OPTIONS: OptionSpec = {
  shortWithValue: 'AbcCdDeEFHKmoPQrtTuUwxXyYz',
  longWithValue: [
    '--output',
    '--output-dir',
    '--header',
    '--user',
    '--user-agent',
    '--data',
    '--data-raw',
    '--data-binary',
    '--data-urlencode',
    '--url',
    '--cacert',
    '--capath',
    '--cert',
    '--key',
    '--proxy',
    '--request',
    '--retry',
    '--retry-delay',
    '--retry-max-time',
    '--max-time',
    '--connect-timeout',
    '--referer',
    '--cookie',
    '--cookie-jar',
    '--form',
    '--write-out',
    '--config',
    '--range',
    '--upload-file',
    '--limit-rate',
    '--resolve',
    '--interface',
    '--proto',
    '--proto-redir',
    '--proto-default',
    '--tls-max',
    '--ciphers',
    '--dns-servers',
    '--time-cond',
    '--continue-at',
    '--speed-limit',
    '--speed-time',
    '--max-filesize',
    '--netrc-file',
    '--pinnedpubkey',
    '--oauth2-bearer',
    '--create-file-mode',
    '--connect-to',
    '--cert-type',
    '--key-type',
    '--pass',
    '--proxy-user',
    '--variable',
    '--expand-url',
  ],
};

export const WGET_OPTIONS: OptionSpec = {
  shortWithValue: 'OoaPeUtTwlADRIXQiB',
  longWithValue: [
    '--output-document',
    '--output-file',
    '--append-output',
    '--directory-prefix',
    '--execute',
    '--user-agent',
    '--tries',
    '--timeout',
    '--wait',
    '--level',
    '--accept',
    '--domains',
    '--reject',
    '--include-directories',
    '--exclude-directories',
    '--quota',
    '--input-file',
    '--base',
    '--header',
    '--user',
    '--password',
    '--ca-certificate',
    '--certificate',
    '--private-key',
    '--post-data',
    '--post-file',
    '--method',
    '--body-data',
  ],
};

export interface Download {
  tool: 'curl' | 'wget';
  /** The word naming the tool. */
  word: ShellWord;
  args: CommandArguments;
  /** Whether the downloaded body is written to standard output. */
  toStdout: boolean;
}

const STDOUT = new Set(['-', '/dev/stdout', '/proc/self/fd/1']);

/** The download a command performs, or undefined when it runs neither curl nor wget. */
export function downloadOf(cmd: SimpleCommand): Download | undefined {
  const words = appletWords(cmd);
  if (!words.length) return undefined;
  const word = words[0];
  const name = basename(word.value);
  if (name === 'curl') {
    const args = readArguments(words.slice(1), CURL_OPTIONS);
    const output = findOption(args, '-o', '--output');
    const remoteName = findOption(args, '-O', '--remote-name', '--remote-name-all');
    const toStdout = output ? STDOUT.has(output.value ?? '') : !remoteName;
    return { tool: 'curl', word, args, toStdout };
  }
  if (name === 'wget') {
    const args = readArguments(words.slice(1), WGET_OPTIONS);
    const output = findOption(args, '-O', '--output-document');
    return { tool: 'wget', word, args, toStdout: output !== undefined && STDOUT.has(output.value ?? '') };
  }
  return undefined;
}
