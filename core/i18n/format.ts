/**
 * The browser's message format (`_locales/<lang>/messages.json`), as Chrome and Firefox apply it in
 * `i18n.getMessage`: `$1`…`$9` are the substitutions, `$NAME$` a named placeholder whose `content` says which
 * (`"$1"`) or is literal text, `$$` a dollar sign. Pure, so tests and checks of the locale files use the same rules.
 */
export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export type MessageCatalog = Record<string, MessageEntry>;

const substitute = (text: string, substitutions: readonly string[]): string =>
  text.replace(/\$(\$|[1-9])/g, (_, what: string) =>
    what === '$' ? '$' : (substitutions[Number(what) - 1] ?? ''),
  );

export function formatMessage(
  entry: MessageEntry | undefined,
  substitutions: readonly string[] = [],
): string {
  if (!entry) return '';
  const placeholders = new Map(
    Object.entries(entry.placeholders ?? {}).map(([name, value]) => [name.toLowerCase(), value.content]),
  );
  // One pass, so a substituted value is never read again as a placeholder.
  return entry.message.replace(
    /\$([A-Za-z0-9_@]+)\$|\$(\$|[1-9])/g,
    (whole, name?: string, direct?: string) => {
      if (name !== undefined) {
        const content = placeholders.get(name.toLowerCase());
        return content === undefined ? whole : substitute(content, substitutions);
      }
      return direct === '$' ? '$' : (substitutions[Number(direct) - 1] ?? '');
    },
  );
}

/** The named placeholders a message uses, lower-cased (a check that translations keep them all). */
export function placeholdersOf(entry: MessageEntry): string[] {
  return [...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => (m[1] ?? '').toLowerCase()).sort();
}
