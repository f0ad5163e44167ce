/**
 * Text from a workspace (paths, image names, users, values quoted in messages) made safe to show to people: every
 * character that moves the cursor, starts a terminal escape sequence, breaks a line or reorders what is shown becomes a
 * visible escape. A folder named `a\n::error file=x::owned` would otherwise forge a GitHub Actions annotation in the
 * text report, `\x1b[2J` would clear the terminal, and a bidi override would show `toor` as `root`.
 *
 * The one function every human-readable writer applies to what it did not write itself (the text report, stderr, the
 * Markdown report, SARIF messages, the server's log, the report page). Machine formats (JSON) keep the text as it is:
 * their own escaping already covers it.
 */

/**
 * C0 controls (tab and newline included: one problem stays one line), DEL, C1 controls (U+0085 next line, U+009B CSI),
 * the Arabic letter mark, LRM/RLM, the line and paragraph separators, the bidi embeddings and overrides (U+202A–202E)
 * and isolates (U+2066–2069).
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const TEST = new RegExp(CONTROLS.source);

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `\n`, `\r`, `\t`, `\xHH` below U+0100, `\uHHHH` above; everything else as it was. */
export function showControls(text: string): string {
  // Most text has none: no new string.
  if (!TEST.test(text)) return text;
  return text.replace(CONTROLS, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
