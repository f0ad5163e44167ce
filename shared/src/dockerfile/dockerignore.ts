/**
 * `.dockerignore` read as Docker reads it: the file's lines as moby's `ignorefile.ReadAll` keeps them, matched as
 * moby's `patternmatcher` matches them (`MatchesOrParentMatches`, which BuildKit uses when it sends the context).
 *
 * Sources: https://github.com/moby/patternmatcher/blob/main/patternmatcher.go (`New`, `MatchesOrParentMatches`,
 * `Pattern.compile`: `*` and `?` stop at `/`, `**` spans folders, `.+()|{}$` are literal, `\` escapes, a pattern also
 * matches a file below a folder it names, the last pattern that matches decides) and
 * https://docs.docker.com/build/concepts/context/#dockerignore-files (comments, `!` exceptions, leading and trailing
 * slashes, `filepath.Clean`, `<Dockerfile>.dockerignore` beside the Dockerfile winning over the context's file).
 */

export interface IgnorePattern {
  /** The cleaned pattern, without `!`. */
  text: string;
  /** A `!` line: what it matches is sent after all. */
  exception: boolean;
  match: (path: string) => boolean;
}

export interface IgnoreRules {
  patterns: IgnorePattern[];
  /** Some line is an exception: an excluded folder may still send files below it. */
  hasExceptions: boolean;
}

/** The patterns of a `.dockerignore` text; lines that are not valid patterns are left out, as Docker rejects them. */
export function parseDockerignore(text: string): IgnoreRules {
  const patterns: IgnorePattern[] = [];
  for (const line of text.split(/\r?\n/)) {
    // ignorefile.ReadAll: comments are whole lines starting with `#`; then whitespace is trimmed.
    if (line.startsWith('#')) continue;
    let pattern = line.trim();
    if (pattern === '') continue;
    let exception = false;
    if (pattern.startsWith('!')) {
      exception = true;
      pattern = pattern.slice(1).trim();
    }
    if (pattern === '') continue;
    pattern = cleanPath(pattern);
    // A leading `/` names the context root, which every path is relative to.
    if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    const match = compilePattern(pattern);
    if (!match) continue;
    patterns.push({ text: pattern, exception, match });
  }
  return { patterns, hasExceptions: patterns.some((p) => p.exception) };
}

/**
 * Whether Docker leaves `path` (relative to the context, `/`-separated) out of the context: the last pattern that
 * matches the path or one of its parent folders decides.
 */
export function isIgnored(rules: IgnoreRules, path: string): boolean {
  const parents = path.split('/').slice(0, -1);
  let matched = false;
  for (const pattern of rules.patterns) {
    // As moby: an inclusion is tried only while unmatched, an exception only once matched.
    if (pattern.exception !== matched) continue;
    let match = pattern.match(path);
    for (let i = 0; !match && i < parents.length; i++) match = pattern.match(parents.slice(0, i + 1).join('/'));
    if (match) matched = !pattern.exception;
  }
  return matched;
}

/** Go's `filepath.Clean` on a `/`-separated path. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = (rooted ? '/' : '') + out.join('/');
  return joined === '' ? '.' : joined;
}

/** moby's `Pattern.compile` and `Pattern.match`, or undefined for a pattern Go's `filepath.Match` rejects. */
function compilePattern(pattern: string): ((path: string) => boolean) | undefined {
  let regex = '^';
  let type: 'exact' | 'prefix' | 'suffix' | 'regexp' = 'exact';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '*') {
      if (chars[i + 1] === '*') {
        const first = i === 0;
        i++;
        // `**/` is read as `**`.
        if (chars[i + 1] === '/') i++;
        if (i + 1 >= chars.length) {
          if (type === 'exact') type = 'prefix';
          else {
            regex += '.*';
            type = 'regexp';
          }
        } else {
          regex += '(.*/)?';
          type = 'regexp';
        }
        if (first) type = 'suffix';
      } else {
        regex += '[^/]*';
        type = 'regexp';
      }
    } else if (ch === '?') {
      regex += '[^/]';
      type = 'regexp';
    } else if ('.+()|{}$^'.includes(ch)) {
      regex += `\\${ch}`;
    } else if (ch === '\\') {
      if (i + 1 < chars.length) {
        regex += `\\${chars[++i]}`;
        type = 'regexp';
      } else regex += '\\\\';
    } else if (ch === '[' || ch === ']') {
      // Go's `[^…]` and `[!…]` negate a class; a JavaScript class negates with `^` only.
      regex += ch === '[' && chars[i + 1] === '!' ? (i++, '[^') : ch;
      type = 'regexp';
    } else regex += ch;
  }
  if (type === 'exact') return (path) => path === pattern;
  if (type === 'prefix') {
    const prefix = pattern.slice(0, -2);
    return (path) => path.startsWith(prefix);
  }
  if (type === 'suffix') {
    const suffix = pattern.slice(2);
    return (path) => path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
  }
  let compiled: RegExp;
  try {
    compiled = new RegExp(`${regex}$`, 'u');
  } catch {
    return undefined;
  }
  return (path) => compiled.test(path);
}
