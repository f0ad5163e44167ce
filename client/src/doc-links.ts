import { RULE_DOCS_BASE_URL } from '../../shared/src/doc-url';

const escaped = RULE_DOCS_BASE_URL.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/**
 * A Markdown link target that is a published rule page (`…/docs/rules/<group>/<name>.md`), with the rule id it names;
 * the footer's "[Rule documentation" text before it when it is the footer's link.
 */
const RULE_PAGE = new RegExp(`(\\[Rule documentation)?\\]\\(${escaped}/([a-z-]+(?:/[a-z-]+)?)\\.md\\)`, 'g');

/** A `command:` link that runs `command` with `args`, as VS Code's trusted Markdown reads it. */
export function commandLink(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/**
 * The server's hover Markdown with its links to published rule pages turned into links that open the page shipped
 * with the extension (the command shows it in the Markdown preview, offline); the footer's "Rule documentation" keeps
 * the published page as a second link. Other links stay as they are. The result must be shown as Markdown trusted for
 * `command` only.
 */
export function localDocLinks(markdown: string, command: string): string {
  return markdown.replace(RULE_PAGE, (_all, footer: string | undefined, id: string) =>
    footer
      ? `[Rule documentation](${commandLink(command, [id])}) ([online](${RULE_DOCS_BASE_URL}/${id}.md))`
      : `](${commandLink(command, [id])})`,
  );
}
