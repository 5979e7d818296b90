/**
 * Cleans Readability's output (a detached copy, never the live page) of what readers and the extraction
 * benchmark's annotators do not count as the article: captions and credits, share and tag blocks, related-story
 * lists and teaser rails, datelines and bylines, newsletter and comment prompts, ads, embedded-post chrome.
 *
 * Two passes: `cleanContent` on the DOM (class names, link density, `<time>`/`rel=tag` markup, the shape of
 * blocks) and `cleanText` on the block text (short boilerplate lines, credit lines, promo lines). Every rule
 * is about a kind of boilerplate, with word lists in several languages, and is bounded by size so that a
 * wrapper holding the article is never removed. `trace` (debugging, evaluation) receives each removed text.
 */
import { blockText } from './text';

/** Receives each piece of text a rule would remove; returning `false` keeps it (to measure one rule's effect). */
export type CleanTrace = (rule: string, text: string) => boolean | undefined;

/** A regular expression whose `\b` is a Unicode word boundary (JavaScript's is ASCII-only: "às", "также"). */
function uni(re: RegExp): RegExp {
  const boundary = '(?:(?<=[\\p{L}\\p{N}])(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}]))';
  return new RegExp(
    re.source.replaceAll('\\b', boundary),
    re.flags.includes('u') ? re.flags : `${re.flags}u`,
  );
}

const squash = (s: string | null | undefined): string => (s ?? '').replace(/[\s\u00a0\u200b]+/g, ' ').trim();
const wordCount = (s: string): number => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;

/** Class and id names split into lower-case words: "article__mediaCaption-text" → article, media, caption, text. */
export function classWords(el: Element): string[] {
  const raw = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (!raw.trim()) return [];
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Words of class names that mark a block as not the article's text (matched as words or adjacent pairs). */
const NOT_BODY_WORDS = new Set([
  // captions, credits, galleries
  'caption',
  'captions',
  'figcaption',
  'credit',
  'credits',
  'copyright',
  // share bars
  'share',
  'sharing',
  'sharebar',
  'social',
  'addthis',
  // tags and categories
  'tags',
  'taglist',
  'tagcloud',
  'keywords',
  // related stories, rails
  'related',
  'relatedposts',
  'recommended',
  'recommendations',
  'morestories',
  'readmore',
  'alsoread',
  'mostread',
  'trending',
  'rail',
  'outbrain',
  'taboola',
  // newsletter, subscription and call-to-action boxes
  'newsletter',
  'subscribe',
  'subscription',
  'signup',
  'cta',
  'promo',
  // comments
  'comment',
  'comments',
  'disqus',
  // bylines, author boxes, datelines
  'byline',
  'bylines',
  'author',
  'authors',
  'bio',
  'dateline',
  'timestamp',
  'date',
  'published',
  'updated',
  // navigation
  'breadcrumb',
  'breadcrumbs',
  'menu',
  'skiplink',
  'skip',
  // ads
  'ad',
  'ads',
  'advert',
  'adverts',
  'advertisement',
  'adslot',
  'sponsored',
  // logos, cookie notices, no-script notices
  'logo',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'noscript',
]);

/** Class words of image blocks: removed only when the block holds an image or is short (its caption). */
const IMAGE_WORDS = new Set(['image', 'img', 'photo', 'picture', 'media', 'gallery', 'slideshow']);

/** Class words that name a whole article wrapper (never removed by class). */
const BODY_WORDS = new Set(['body', 'content', 'article', 'story', 'text', 'entry', 'post', 'main']);

function notBodyClass(el: Element): 'class' | 'image' | null {
  const words = classWords(el);
  if (words.length === 0) return null;
  let image = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (NOT_BODY_WORDS.has(w) || (i > 0 && NOT_BODY_WORDS.has(words[i - 1]! + w))) return 'class';
    if (IMAGE_WORDS.has(w)) image = true;
  }
  return image ? 'image' : null;
}

/** A heading (or a one-line paragraph) that opens a list of other stories. Several languages. */
export const RELATED_HEADING = uni(
  /^(?:(?:more|mehr|plus|mais|más|altro|lainnya|ещё)\s*:$|more\b.{0,30}\b(?:stories|articles|news|reads)$|(?:you may (?:also )?like|you might (?:also )?like|related(?: stories| articles| posts| content| coverage| news| links| reading)?|more (?:from|on|stories|news|articles)\b|read (?:more|next|also)|see also|also read|recommended(?: for you| stories| articles)?|most (?:read|popular|viewed)|trending(?: now| stories)?|popular (?:now|stories|posts)|recent (?:posts|articles|stories)|latest (?:news|stories|articles)|don'?t miss|top stories|editor'?s picks|mehr zum thema|mehr aus|lesen sie auch|das könnte sie auch interessieren|auch interessant|weitere artikel|meistgelesen|à lire aussi|lire aussi|sur le même sujet|à voir aussi|dans la même rubrique|leia também|veja também|leia mais|você pode gostar|você também pode gostar|lee también|te puede interesar|noticias relacionadas|leggi anche|potrebbe interessarti|articoli correlati|baca juga|artikel terkait|читайте также|похожие статьи|самые популярные|популярные статьи)\b)/i,
);

/** A heading that opens the author's box at the end of the article. */
const AUTHOR_HEADING = uni(
  /^(?:about the author|about the authors|the author|über den autor|über die autorin|zum autor|zur autorin|à propos de l'auteur|sobre o autor|sobre a autora|sobre el autor|sobre la autora|l'autore|sull'autore|tentang penulis|об авторе)\s*:?$/i,
);

/** A label that opens a one-line promo for another page: "Read more: …", "[Related: …]", "(Leggi anche: …)". */
const PROMO_LABEL = uni(
  /^[[(]?\s*(?:read more|read also|read next|related|see also|also|more|more on this|watch|listen|don'?t miss|recommended|mehr zum thema|lesen sie auch|lesen sie mehr|auch interessant|lire aussi|à lire aussi|voir aussi|leia também|leia mais|veja também|veja mais|lee también|lea también|ver también|leggi anche(?: su)?|guarda anche|baca juga|читайте также)\s*[:|»>–—-]/i,
);

/** Whole-block words of a share bar ("Whatsapp Facebook Pint Baixar"). */
const SHARE_WORD =
  /^(?:whatsapp|facebook|twitter|x|pinterest|pint|pin|linkedin|reddit|telegram|tumblr|flipboard|email|e-mail|mail|print|share|shares|tweet|copy|link|copy link|teilen|drucken|compartilhar|partager|imprimer|compartir|imprimir|condividi|stampa|baixar|download|messenger|sms|google|plus|more|mehr)$/i;

function linkTextLength(el: Element): number {
  let n = 0;
  for (const a of Array.from(el.querySelectorAll('a'))) n += squash(a.textContent).length;
  return n;
}

/** Share of the element's text inside links, 0..1. */
function linkDensity(el: Element, text = squash(el.textContent)): number {
  if (!text) return 0;
  return Math.min(1, linkTextLength(el) / text.length);
}

const BLOCKISH =
  /^(?:P|DIV|LI|H[1-6]|SECTION|ASIDE|HEADER|FOOTER|FIGURE|CENTER|BLOCKQUOTE|UL|OL|DL|TABLE|SPAN|STRONG|B|EM)$/;
const TEXT_BLOCK = /^(?:P|DIV|H[2-6]|LI|CENTER|SPAN|STRONG|B|EM|BLOCKQUOTE|SECTION|HEADER|FOOTER)$/;

/** Climbs from `el` while the parent's text is still only what `isPart` accepts; returns the highest such block. */
function climb(
  el: Element,
  root: Element,
  accept: (candidate: Element, text: string) => boolean,
): Element | null {
  let best: Element | null = null;
  for (let node: Element | null = el; node && node !== root; node = node.parentElement) {
    if (!BLOCKISH.test(node.tagName.toUpperCase()) && node !== el) continue;
    const text = squash(node.textContent);
    if (!accept(node, text)) break;
    best = node;
  }
  return best;
}

const DATE_LABEL = uni(
  /\b(?:published|updated|posted|last updated|modified|first published|on|at|am|um|le|el|il|em|às|a las|alle|ver[öo]ffentlicht|aktualisiert|stand|publié|mis à jour|publicado|actualizado|atualizado|pubblicato|aggiornato|diperbarui|dipublikasikan|diterbitkan|опубликовано|обновлено)\b/giu,
);

/** The blocks around `<time>` and schema.org date markup that hold nothing but the date and a label. */
function dateBlocks(root: Element): Element[] {
  const out: Element[] = [];
  const marks = root.querySelectorAll(
    'time, [itemprop="datePublished"], [itemprop="dateModified"], [itemprop="dateCreated"], [itemprop="datepublished"]',
  );
  for (const mark of Array.from(marks)) {
    const markText = squash(mark.textContent);
    if (!markText || markText.length > 80) continue;
    const found = climb(mark, root, (node, text) => {
      if (text.length > 160) return false;
      let rest = text;
      for (const t of Array.from(node.querySelectorAll('time, [itemprop]')))
        rest = rest.replace(squash(t.textContent), ' ');
      if (node.matches('time, [itemprop]')) rest = '';
      rest = rest.replace(DATE_LABEL, ' ');
      return wordCount(rest) <= 2;
    });
    if (found) out.push(found);
  }
  return out;
}

/** Blocks made of `rel="tag"` links (and a "Tags:" label). */
function tagBlocks(root: Element): Element[] {
  const out: Element[] = [];
  for (const a of Array.from(root.querySelectorAll('a[rel~="tag"], a[rel~="category"]'))) {
    const found = climb(a, root, (node, text) => {
      if (text.length > 1500) return false;
      let tagged = 0;
      for (const t of Array.from(node.querySelectorAll('a[rel~="tag"], a[rel~="category"]')))
        tagged += squash(t.textContent).length;
      return tagged >= text.length * 0.6 || wordCount(text) - wordCount(squash(a.textContent)) <= 2;
    });
    if (found) out.push(found);
  }
  return out;
}

/** A paragraph whose text is all one or more links (a headline pointing elsewhere), at most ~30 words. */
function isLinkParagraph(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (tag !== 'P' && tag !== 'H3' && tag !== 'H4' && tag !== 'H5' && tag !== 'H6') return false;
  const text = squash(el.textContent);
  if (!text || wordCount(text) > 30) return false;
  if (!el.querySelector('a')) return false;
  return linkDensity(el, text) >= 0.9;
}

const UPPER_LINE = (text: string): boolean => {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 8 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
};

/** Sibling `<article>` elements after the main one: other posts (a list of stories under the article). */
function otherArticles(root: Element): Element[] {
  const articles = Array.from(root.querySelectorAll('article'));
  if (articles.length < 2) return [];
  const outer = articles.filter((a) => !articles.some((b) => b !== a && b.contains(a)));
  if (outer.length < 2) {
    // One article holding several: the inner ones after the first are a list when they are all short.
    return [];
  }
  const main = outer[0]!;
  const mainText = squash(main.textContent).length;
  if (mainText < 200 || main.querySelector('article')) return [];
  return outer.slice(1).filter((a) => {
    const inner = a.querySelectorAll('article').length;
    const text = squash(a.textContent).length;
    // A wrapper of several posts, or one short teaser: a headline or an image that links elsewhere.
    const teaser =
      a.querySelector('a img, a picture, h2 a, h3 a, h4 a, a h2, a h3, a h4, [rel~="bookmark"]') !== null;
    return inner >= 2 || (text < Math.max(600, mainText) && teaser);
  });
}

/** Containers of three or more teaser cards: each an image or a link plus a short headline, no long paragraph. */
function teaserRails(root: Element): Element[] {
  const out: Element[] = [];
  for (const el of Array.from(root.querySelectorAll('div, ul, section'))) {
    const kids = Array.from(el.children);
    if (kids.length < 3) continue;
    let cards = 0;
    for (const kid of kids) {
      const text = squash(kid.textContent);
      if (!text || /^H[1-6]$/.test(kid.tagName.toUpperCase())) continue;
      const hasMedia = kid.querySelector('img, picture') !== null;
      const hasLink = kid.tagName.toUpperCase() === 'A' || kid.querySelector('a') !== null;
      if (!hasMedia || !hasLink || text.length > 220) {
        cards = -1;
        break;
      }
      for (const p of Array.from(kid.querySelectorAll('p')))
        if (squash(p.textContent).length > 220) cards = -99;
      cards++;
    }
    if (cards >= 3) out.push(el);
  }
  return out;
}

/** A teaser card: an image inside a link, and a short text. */
function isCard(el: Element, text: string): boolean {
  return text.length < 250 && el.querySelector('a img, a picture') !== null && !el.querySelector('p a + a');
}

/** Elements whose text is a share bar only. */
function isShareBar(text: string): boolean {
  const words = text.split(/[\s|·•/,]+/).filter(Boolean);
  return words.length >= 2 && words.length <= 12 && words.every((w) => SHARE_WORD.test(w));
}

/**
 * Removes from Readability's output (a detached copy) the blocks that are not the article. Bounded: a few
 * passes over the output's elements.
 */
export function cleanContent(root: Element, trace?: CleanTrace): void {
  const remove = new Map<Element, string>();
  const mark = (el: Element | null | undefined, rule: string): void => {
    if (el && el !== root && !remove.has(el)) remove.set(el, rule);
  };
  for (const el of otherArticles(root)) mark(el, 'other-article');
  for (const el of teaserRails(root)) mark(el, 'teaser-rail');
  for (const el of dateBlocks(root)) mark(el, 'date');
  for (const el of tagBlocks(root)) mark(el, 'tags');

  for (const el of Array.from(root.querySelectorAll('*'))) {
    const tag = el.tagName.toUpperCase();
    if (tag === 'FIGCAPTION' || tag === 'NAV') {
      mark(el, tag.toLowerCase());
      continue;
    }
    const kind = notBodyClass(el);
    if (kind) {
      const text = squash(el.textContent);
      const words = classWords(el);
      const wrapper = words.some((w) => BODY_WORDS.has(w)) && text.length >= 400;
      // Only small blocks: a wrapper named "entry-content share-enabled" holds the article.
      const small = text.length < 400 && el.querySelectorAll('p').length <= 1;
      if (!wrapper && small && (kind === 'class' || text.length < 250 || el.querySelector('img, picture'))) {
        mark(el, kind === 'class' ? 'class' : 'image-class');
        continue;
      }
    }
    if (!TEXT_BLOCK.test(tag)) continue;
    const text = squash(el.textContent);
    if (!text) continue;
    // A related-stories heading, and the links after it.
    const related = wordCount(text) <= 8 ? RELATED_HEADING.exec(text) : null;
    // A heading, or a short block that is only the phrase ("You may also like…"), not a sentence or a section
    // title that starts with it ("Trending upward: prices in the region").
    const rest = wordCount(text.slice(related?.[0].length ?? 0));
    const heading = /^H[2-6]$/.test(tag) ? rest <= 3 : !el.querySelector('p, div, li') && rest <= 1;
    if (related && heading) {
      mark(el, 'related-heading');
      let next = el.nextElementSibling;
      let n = 0;
      while (next && n < 12) {
        const nextText = squash(next.textContent);
        if (nextText && linkDensity(next, nextText) < 0.6 && !isCard(next, nextText)) break;
        mark(next, 'related-list');
        next = next.nextElementSibling;
        n++;
      }
      // A heading wrapped alone in a block: the list is the wrapper's next sibling.
      if (n === 0 && el.parentElement && el.parentElement !== root && !el.nextElementSibling) {
        const after = el.parentElement.nextElementSibling;
        if (after && /^(?:UL|OL|DIV)$/.test(after.tagName.toUpperCase()) && linkDensity(after) >= 0.6)
          mark(after, 'related-list');
      }
      continue;
    }
    // The author's box: its heading and the short blocks after it.
    if (wordCount(text) <= 6 && AUTHOR_HEADING.test(text) && !el.querySelector('p, div, li')) {
      mark(el, 'author-box');
      let next = el.nextElementSibling;
      for (let n = 0; next && n < 6; n++, next = next.nextElementSibling) {
        if (squash(next.textContent).length > 600) break;
        mark(next, 'author-box');
      }
      continue;
    }
    // "Read more: <link>" promos.
    if (
      wordCount(text) <= 40 &&
      PROMO_LABEL.test(text) &&
      el.querySelector('a') &&
      linkDensity(el, text) >= 0.4
    ) {
      mark(el, 'promo-link');
      continue;
    }
    // Share bars ("Whatsapp Facebook Pint Baixar").
    if (text.length < 120 && isShareBar(text)) {
      mark(el, 'share-bar');
      continue;
    }
    // Headline links to other stories: shouted, or several in a row, or many links with line breaks.
    if (isLinkParagraph(el)) {
      const prev = el.previousElementSibling;
      const next = el.nextElementSibling;
      if (UPPER_LINE(text) || (prev && isLinkParagraph(prev)) || (next && isLinkParagraph(next))) {
        mark(el, 'link-paragraph');
        continue;
      }
    }
    if (
      tag === 'P' &&
      el.querySelectorAll('a').length >= 2 &&
      el.querySelector('br') &&
      linkDensity(el, text) >= 0.7
    ) {
      mark(el, 'link-lines');
      continue;
    }
    if ((tag === 'UL' || tag === 'OL') && isLinkList(el)) mark(el, 'link-list');
  }
  for (const el of Array.from(root.querySelectorAll('ul, ol'))) if (isLinkList(el)) mark(el, 'link-list');

  for (const [el, rule] of remove) {
    if (!el.parentNode) continue;
    // Skip elements inside an already removed one (their text was traced with it).
    let inside = false;
    for (let p = el.parentElement; p && p !== root && !inside; p = p.parentElement) inside = remove.has(p);
    if (inside) continue;
    if (trace && trace(rule, blockText(el)) === false) continue;
    el.parentNode.removeChild(el);
  }
}

/** A list whose every item (three or more) is a link. */
function isLinkList(el: Element): boolean {
  const items = Array.from(el.children).filter((c) => c.tagName.toUpperCase() === 'LI');
  if (items.length < 3) return false;
  return items.every((li) => {
    const text = squash(li.textContent);
    return text.length > 0 && linkTextLength(li) >= text.length * 0.9;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Text pass

/** Whole lines of interface text (menus, buttons, ad labels, gallery controls), in several languages. */
const UI_LINE = new RegExp(
  `^(?:${[
    'advert(?:isement)?',
    'ad',
    'anzeige',
    'werbung',
    'publicidade',
    'publicidad',
    'publicité',
    'pubblicità',
    'iklan',
    'реклама',
    '광고',
    'sponsored',
    'skip to (?:main )?content',
    'zum inhalt springen',
    'aller au contenu',
    'ir al contenido',
    'sign in',
    'log in',
    'login',
    'sign up',
    'register',
    'subscribe',
    'subscriber services',
    'subscribe subscriber services',
    'abonnieren',
    "s'abonner",
    'assine',
    'suscríbete',
    'iscriviti',
    'breaking news',
    'breaking',
    'latest',
    'popular',
    'latest news',
    'trending',
    'loading(?: content)?(?: \\.\\.\\.|…)?',
    'close',
    'caption',
    'enlarge(?: this)? image',
    'expand',
    'view (?:gallery|photos|comments)',
    'image \\d+ of (?:/ )?\\d+',
    '\\d+ of \\d+',
    '\\d+ / \\d+',
    'continue reading(?: below)?',
    'read more',
    'weiterlesen',
    'lire la suite',
    'leia mais',
    'leer más',
    'leggi di più',
    'view author archive',
    'email the author',
    'follow',
    'share',
    'share this(?: article| story)?',
    'share on (?:facebook|twitter)',
    'tweet',
    'print',
    'e-?mail',
    '(?:\\d+ )?(?:comments?|kommentare?|commentaires?|comentários?|comentarios?|commenti|komentar|комментари\\p{L}*)',
    'post (?:a )?comment(?: \\(\\+\\))?',
    'leave a (?:comment|reply)',
    'add (?:a )?comment',
    'show comments',
    'tell us what you think(?:\\.\\.\\.|…)?',
    'what do you think\\?',
    'join the (?:discussion|conversation)',
    'have your say',
    'kommentieren',
    'ihre meinung',
    'réagir',
    'deixe (?:o )?seu comentário',
    'deja (?:tu|un) comentario',
    'lascia un commento',
    'отзывы',
    'добавить отзыв',
    'оставить комментарий',
    'tags?:?',
    'schlagworte:?',
    'themen:?',
    'media playback is unsupported on your device',
    'this slideshow requires javascript\\.?',
    'javascript is (?:disabled|required).*',
    'enable javascript.*',
    'home',
    'startseite',
    'accueil',
    'inicio',
  ].join('|')})[.!:]?$`,
  'iu',
);

/** Credit lines: "Image copyright X", "(Image credit: X)", "Photo: X", "X | Getty Images", "[사진=X]". */
const CREDIT_LINE = uni(
  /^(?:\(?\s*(?:image|images|photo|photos|picture|pictures|foto|fotos|bild|bilder|crédit|credit|credits|image credit|photo credit|source|quelle|fonte|fuente)\s*(?:copyright|credit|©|:)[^\n]{0,80}\)?|\(?\s*(?:image|photo|foto|bild)\s*©[^\n]{0,80}\)?|(?:[^\n|]{1,60}\|\s*){0,3}(?:getty images|afp|reuters|ap photo|associated press|shutterstock|istock|dpa|epa)[^\n]{0,40}|\[(?:foto|photo|사진)\s*[=:][^\]]{0,80}\])$/i,
);

/** The wire services' credit line: "Reporting by …; Editing by …". */
const WIRE_CREDIT = /^(?:(?:additional )?reporting|writing|editing|compiled|graphics?) by\b.{0,300}$/i;

/** A line that is only a web address. */
const URL_LINE = /^(?:https?:\/\/|www\.)\S+$/i;

/** The address without protocol, "www.", query, fragment and trailing slash, for comparing. */
const bareUrl = (u: string): string =>
  u
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');

/** Reading-time notes: "5 min read", "Lesezeit: 3 Minuten", "Tempo de leitura: 1 minuto". */
const READING_TIME =
  /^(?:(?:reading time|read time|lesezeit|lesedauer|tempo de leitura|temps de lecture|tiempo de lectura|tempo di lettura|waktu baca)\s*:?\s*(?:ca\.?\s*)?\d+\s*\p{L}*|\d+\s*(?:min|mins|minutes?|minuten|minutos|minuti)\.?\s*(?:read|lesezeit|de leitura|de lecture|de lectura|di lettura))\.?$/iu;

/**
 * Promo and call-to-action lines: newsletters, apps, follow-us, affiliate disclosures, copyright notices.
 * Several languages; each phrase is one a news paragraph does not use.
 */
const PROMO_LINE = uni(
  /^(?:.{0,240}\b(?:sign up (?:for|to)\b.{0,80}\b(?:newsletters?|inbox)|get (?:the|our) [\w\s]{0,30}newsletter|newsletters?\b.{0,40}\b(?:inbox|sign up|subscribe)|delivered (?:to|right to|straight to) your inbox|right in your inbox|download (?:the|our) [\w\s]{0,20}app|get (?:the|our) [\w\s]{0,30}app\b|click here to (?:subscribe|get|download|sign|follow|read)|follow (?:us|him|her|them|me) on (?:twitter|facebook|instagram)|follow \S+(?: \S+){0,3} on (?:twitter|facebook|instagram|youtube|tiktok)|join our (?:forums?|community|newsletter|mailing list)|(?:contains?|may contain) affiliate|affiliate links?\b.{0,40}\b(?:commission|disclosure)|abonnieren sie|newsletter abonnieren|melden sie sich .{0,30}newsletter|folgen sie uns|abonnez-vous|inscrivez-vous .{0,30}newsletter|suivez-nous|assine (?:a|o|nossa)|siga-nos|suscríbete|síguenos|iscriviti alla newsletter|seguici su)\b.{0,200}|(?:copyright|©|\(c\))\s*.{0,80}|.{0,160}\b(?:all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|todos os direitos reservados|tutti i diritti riservati|hak cipta dilindungi|subject to copyright|may not be (?:published|reproduced|redistributed)|without (?:the )?(?:prior )?written permission|무단전재)\b.{0,160})$/i,
);

/** A short call to subscribe: "Subscribe to X and stay smart", "Click here to subscribe to our newsletter". */
const SUBSCRIBE_LINE = uni(/\bsubscribe (?:to|for|now|today)\b/i);

/** Comment-policy notes: a line about comments and their moderation. Several languages. */
const COMMENT_WORD = uni(
  /\b(?:comments?|commenting|commenters?|kommentare?|kommentieren|commentaires?|comentários?|comentarios?|commenti|komentar|комментари\p{L}*)\b/iu,
);
const MODERATION_WORD = uni(
  /\b(?:moderat\p{L}*|approv\p{L}*|aprovad\p{L}*|aprobad\p{L}*|freigeschaltet|freischalt\p{L}*|prüf\p{L}*|policy|guidelines|netiquette|respect\p{L}*|respeit\p{L}*|respet\p{L}*|spam|offensive|beleidigend\p{L}*|ofensiv\p{L}*|закрыт\p{L}*)\b/iu,
);

/** Cookie notices: "This website uses cookies …". */
const COOKIE_LINE = uni(
  /\b(?:(?:this|our) (?:web)?site uses cookies|we use cookies|uses cookies to|verwendet cookies|nutzt cookies|wir verwenden cookies|utilise des cookies|utiliza cookies|usa cookies|utiliza-se de cookies|utilizza (?:i )?cookie|menggunakan cookie)\b/i,
);

/** A WordPress shortcode left in the text: "[button link=…] Send us …[/button]". */
const SHORTCODE = /^\[[a-z_-]+(?:\s[^\]]*)?\].*\[\/[a-z_-]+\]$/i;

/** A contact line: an e-mail address or @handle with a contact word ("Email X at x@y.com", "Have a tip?"). */
const CONTACT_LINE = uni(/(?:[\w.+-]+@[\w-]+\.[\w.]+|(?:^|\s)@\w{2,})/i);
const CONTACT_WORD = uni(
  /\b(?:email|e-mail|contact|reach(?:ed)? (?:at|him|her)|tips?|follow|twitter|kontakt|erreichen|contato|contacto|contatto|scrivi)\b/i,
);

const MONTHS =
  'jan(?:uary|uar|vier|eiro)?|feb(?:ruary|ruar)?|fév(?:rier)?|fev(?:ereiro)?|mar(?:ch|s|zo|ço)?|mär(?:z)?|apr(?:il)?|abr(?:il)?|avr(?:il)?|may|mai|mayo|maio|maggio|jun(?:e|i|io|ho)?|juin|giugno|jul(?:y|i|io|ho)?|juil(?:let)?|luglio|aug(?:ust)?|ago(?:sto)?|août|sep(?:t(?:ember|embre)?)?|set(?:embro|tembre)?|oct(?:ober|obre)?|okt(?:ober)?|out(?:ubro)?|ott(?:obre)?|nov(?:ember|embre|embro)?|dec(?:ember)?|dez(?:ember|embro)?|déc(?:embre)?|dic(?:iembre|embre)?|januari|februari|maret|mei|juni|juli|agustus|oktober|desember';
const WEEKDAYS =
  'mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|segunda|terça|quarta|quinta|sexta|feira|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|senin|selasa|rabu|kamis|jumat|sabtu|minggu';
const MONTH_OR_DAY = new RegExp(`^(?:${MONTHS}|${WEEKDAYS})$`, 'iu');
const DATE_WORD = new RegExp(
  `^(?:${MONTHS}|${WEEKDAYS}|\\d{1,4}(?:st|nd|rd|th|h|er|º|°)?|am|pm|a\\.m|p\\.m|gmt|utc|est|edt|cst|cdt|pst|pdt|bst|cet|cest|mez|mesz|ist|wib|uhr|h|de|del|di|du|of|the|at|on|um|às|as|a|le|el|il|em|ago|hours?|minutes?|days?|hrs?|mins?|stunden?|tagen?|vor|hace|há|fa|yang|lalu|jam|hari|published|updated|posted|last|modified|first|veröffentlicht|aktualisiert|zuletzt|stand|publié|mis|à|jour|publicado|actualizado|atualizado|pubblicato|aggiornato|diperbarui|dipublikasikan|diterbitkan)$`,
  'iu',
);
const AGO = uni(/\b(?:ago|vor|hace|há|lalu|il y a)\b/i);

/** A line made only of a date or time and its labels ("Published: 00:01, Tue, Nov 19, 2019 | Updated …"). */
export function isDateLine(line: string): boolean {
  if (line.length > 120) return false;
  const words =
    line
      .match(/[\p{L}\p{N}.]+/gu)
      ?.map((w) => w.replace(/\.+$/, ''))
      .filter(Boolean) ?? [];
  if (words.length === 0 || words.length > 16) return false;
  let dateish = 0;
  for (const w of words) {
    if (/^\d{1,4}(?:[./-]\d{1,4}){1,2}$/.test(w) || /^\d{1,2}[:h]\d{2}$/.test(w)) {
      dateish++;
      continue;
    }
    if (!DATE_WORD.test(w)) return false;
    if (/\d/.test(w) || MONTH_OR_DAY.test(w)) dateish++;
  }
  return dateish >= 2 || (dateish >= 1 && AGO.test(line));
}

/** A date line that starts with its label: "Published …", "Aktualisiert am …". */
const DATE_LABEL_START = uni(
  /^(?:published|updated|posted|last updated|modified|first published|ver[öo]ffentlicht|aktualisiert|stand|publié|mis à jour|publicado|actualizado|atualizado|pubblicato|aggiornato|diperbarui|dipublikasikan)\b/i,
);

/** Share bars written out: "Whatsapp Facebook Pint". */
function isShareLine(line: string): boolean {
  return line.length < 120 && isShareBar(line);
}

const normTitle = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The line repeats the title, or the title without (or with) the site's name after it. */
function isTitle(line: string, title: string): boolean {
  if (line === title) return true;
  const [short, long] = line.length < title.length ? [line, title] : [title, line];
  return short.length >= 20 && short.length >= long.length * 0.6 && long.startsWith(short);
}

export interface CleanTextContext {
  /** The page's address: a line that repeats it is dropped. */
  url?: string;
  /** The article's title: a line at the top that repeats it is dropped. */
  title?: string | null;
}

/**
 * Drops boilerplate lines from the article text: interface words, credits, promo and cookie lines, comment
 * notes, the page's own address, and at the top or bottom of the text the title, date and contact
 * lines. Lines inside the article that merely mention a date or a newsletter are kept: every rule matches a
 * whole line.
 */
export function cleanText(text: string, context: CleanTextContext = {}, trace?: CleanTrace): string {
  const page = context.url ? bareUrl(context.url) : null;
  const title = context.title ? normTitle(context.title) : '';
  const lines = text.split('\n');
  const keep: boolean[] = lines.map(() => true);
  const drop = (i: number, rule: string): void => {
    if (!keep[i] || trace?.(rule, lines[i]!) === false) return;
    keep[i] = false;
  };
  const edge = 4;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const top = i < edge;
    const bottom = i >= lines.length - edge;
    if (UI_LINE.test(line)) drop(i, 'ui-line');
    else if (line.length < 200 && CREDIT_LINE.test(line)) drop(i, 'credit-line');
    else if (line.length < 120 && line.includes('©') && wordCount(line) <= 15) drop(i, 'credit-line');
    else if (WIRE_CREDIT.test(line) && line.includes(' by ')) drop(i, 'wire-credit');
    else if (page && URL_LINE.test(line) && bareUrl(line) === page) drop(i, 'url-line');
    else if (READING_TIME.test(line)) drop(i, 'reading-time');
    else if (line.length < 300 && PROMO_LINE.test(line)) drop(i, 'promo-line');
    else if (line.length < 160 && SUBSCRIBE_LINE.test(line)) drop(i, 'promo-line');
    else if (line.length < 400 && COOKIE_LINE.test(line)) drop(i, 'cookie-line');
    else if (line.length < 300 && COMMENT_WORD.test(line) && MODERATION_WORD.test(line))
      drop(i, 'comment-note');
    else if (line.length < 400 && SHORTCODE.test(line)) drop(i, 'shortcode');
    else if (isShareLine(line)) drop(i, 'share-line');
    else if (top && title && isTitle(normTitle(line), title)) drop(i, 'title-line');
    else if ((top || (bottom && DATE_LABEL_START.test(line))) && isDateLine(line)) drop(i, 'date-line');
    else if (top && /^\d[\d.,]*$/.test(line)) drop(i, 'number-line');
    else if (
      bottom &&
      line.length < 300 &&
      CONTACT_LINE.test(line) &&
      CONTACT_WORD.test(line) &&
      !/pic\.twitter\.com|t\.co\//.test(line)
    )
      drop(i, 'contact-line');
  }
  return lines.filter((_, i) => keep[i]).join('\n');
}
