import type { Range } from '../types';

/** What the editor shows over a keyword: Markdown, the span it explains, and the rules that guard it. */
export interface KeywordHover {
  range: Range;
  markdown: string;
  /** Rule ids about this keyword; the hover links those that are registered, with their CIS control. */
  rules: string[];
}
