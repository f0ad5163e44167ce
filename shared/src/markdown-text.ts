/**
 * Plain text placed in Markdown (the posture report, which GitHub renders in a pull request): nothing from a workspace
 * may become a link, an image, HTML, emphasis or a table column. Control characters become visible escapes first
 * (`showControls`).
 */
import { showControls } from './visible-controls';

export interface MarkdownPlace {
  /** In a GFM table cell, where `|` ends the cell even inside a code span. */
  table?: boolean;
}

/**
 * Characters that mean something in CommonMark/GFM inline text, backslash-escaped (`$` opens GitHub's maths); `(`, `{`
 * and `+` mean nothing without the others, and are left readable.
 */
const SPECIAL = /[\\`*_[\]<>#!|~&$]/g;

/**
 * A message or a reason as written by Bulkhead: plain text where backticks mark code (rule message templates quote
 * values that way). Its code spans are found as CommonMark finds them (a run of n backticks closed by the next run of
 * exactly n), kept as code (where `<`, `*` and `[` are inert), and everything else is escaped. A backtick inside a
 * quoted value can move where a span ends, never turn text into markup: whatever is not a span is escaped.
 */
export function markdownText(text: string, place: MarkdownPlace = {}): string {
  const shown = showControls(text);
  let out = '';
  let i = 0;
  let textStart = 0;
  while (i < shown.length) {
    if (shown[i] !== '`') {
      i++;
      continue;
    }
    const run = backtickRun(shown, i);
    const close = closingRun(shown, i + run, run);
    if (close < 0) {
      // An unmatched run is literal text, escaped with the text around it.
      i += run;
      continue;
    }
    out += escapeInline(shown.slice(textStart, i));
    const code = shown.slice(i, close + run);
    out += place.table ? code.replace(/\|/g, '\\|') : code;
    i = textStart = close + run;
  }
  return out + escapeInline(shown.slice(textStart));
}

/** A value shown as code whatever it holds: a fence longer than any backtick run inside it. */
export function markdownCode(value: string, place: MarkdownPlace = {}): string {
  let shown = showControls(value);
  if (place.table) shown = shown.replace(/\|/g, '\\|');
  let longest = 0;
  for (const run of shown.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space from each end when both have one: pad a value that starts or ends with a backtick or
  // a space, so it keeps its own.
  const pad = /^[` ]|[` ]$/.test(shown) ? ' ' : '';
  return shown === '' ? '` `' : `${fence}${pad}${shown}${pad}${fence}`;
}

function escapeInline(text: string): string {
  return text.replace(SPECIAL, '\\$&');
}

function backtickRun(text: string, start: number): number {
  let end = start;
  while (text[end] === '`') end++;
  return end - start;
}

/** Where the next run of exactly `length` backticks after `from` starts, or -1. */
function closingRun(text: string, from: number, length: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    const run = backtickRun(text, i);
    if (run === length) return i;
    i += run;
  }
  return -1;
}
