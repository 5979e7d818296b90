/**
 * The HTML of a page without what no reading of it uses: scripts (JSON-LD kept), style sheets and comments. The
 * content script sends an article page's HTML to the background, and on news pages scripts and styles are
 * about 60% of it (the shared extraction pages: 30% scripts, 30% styles); every byte left out is a byte the
 * page's main thread does not have to serialise into the message. The CLI strips a saved page the same way
 * before reading it (cli/main.ts), so a saved page and a captured one are read alike.
 *
 * One regular expression, no callback: it walks the HTML from tag to tag as the HTML tokenizer does (a tag is
 * matched whole, so a "<script" inside an attribute value is not taken for a script, nor is a custom element
 * such as <script-loader>), drops the script, style and comment it meets and keeps everything else as it was.
 * Written for the HTML a browser serialises (`outerHTML`: attribute values quoted, text escaped) and safe on
 * hand-written HTML. Idempotent.
 */
/**
 * JSON-LD blocks longer than this are dropped with the scripts: no article's metadata needs them, and a hostile
 * page's 3 MB block would crowd the article out of a capture. Detection (page/detect.ts) skips them too.
 */
export const MAX_JSONLD_CHARS = 300_000;

const LEAN = new RegExp(
  `(<script(?=[\\s/>])[^>]*\\bapplication\\/ld\\+json\\b[^>]*>[\\s\\S]{0,${MAX_JSONLD_CHARS}}?<\\/script\\s*>)` +
    String.raw`|<script(?=[\s/>])[^>]*>[\s\S]*?(?:<\/script\s*>|$)|<style(?=[\s/>])[^>]*>[\s\S]*?(?:<\/style\s*>|$)` +
    String.raw`|<!--[\s\S]*?(?:-->|$)|(<[a-zA-Z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>)`,
  'gi',
);

export function leanHtml(html: string): string {
  return html.replace(LEAN, '$1$2');
}
