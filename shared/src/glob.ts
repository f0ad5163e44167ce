/**
 * `.gitignore`-style globs for `exclude`: `*` within a path segment, `**` across segments, `?`, `{a,b}`, `[abc]`.
 * A pattern without a slash matches a name at any depth; a trailing slash matches a folder and all below it.
 */
export function globToRegExp(pattern: string): RegExp {
  let p = pattern.trim().replace(/\\/g, '/');
  const anchored = p.startsWith('/') || p.replace(/\/$/, '').includes('/');
  p = p.replace(/^\//, '');
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.slice(0, -1);
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') {
      if (p[i + 1] === '*') {
        const slashAfter = p[i + 2] === '/';
        re += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = p.indexOf('}', i);
      if (close < 0) re += '\\{';
      else {
        // Alternatives are globs too (`{*.yml,*.yaml}`): their wildcards stay within a path segment.
        re += '(?:' + p.slice(i + 1, close).split(',').map((alt) => alt.split('*').map((part) => escape(part).replace(/\?/g, '[^/]')).join('[^/]*')).join('|') + ')';
        i = close;
      }
    } else if (c === '[') {
      const close = p.indexOf(']', i);
      if (close < 0) re += '\\[';
      else {
        re += '[' + p.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += escape(c);
  }
  const prefix = anchored ? '^' : '^(?:.*/)?';
  return new RegExp(`${prefix}${re}(?:/.*)?$`);
}

function escape(s: string): string {
  return s.replace(/[.+^$()|\\\]\[{}]/g, '\\$&');
}

export function matchesAny(path: string, patterns: readonly RegExp[]): boolean {
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  return patterns.some((re) => re.test(p));
}
