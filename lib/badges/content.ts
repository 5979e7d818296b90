/**
 * The content script's part of the in-page badges (opt-in, off by default). Costs next to nothing when off: in
 * the same idle callback that read the page, a page that is an article or has few links is left alone
 * without any call; otherwise one read of storage.local says whether badges are on. Only then are the headline
 * links collected (page/badges.ts) and the background asked which ones it knows ('knownTeasers'); the background
 * answers nothing for a paused site. No host element is added unless there is a badge to draw.
 *
 * On the browser's own API (`browser` in Firefox, `chrome` in Chrome), like lib/content-messaging.ts: no
 * webextension-polyfill in the content script.
 */
import { BADGE_MAX_LINKS, BADGE_MIN_LINKS } from '@/core/badges/teaser-badges';
import { contentRuntime, type PageDetection } from '@/lib/content-messaging';
import type { Envelope, MessageReturn } from '@/lib/messaging';
import { type DrawnBadges, drawBadges, findTeaserLinks } from '@/page/badges';
import { badgesOn } from './keys';

interface NativeApi {
  i18n?: { getMessage(key: string, substitutions?: string[]): string };
}

function nativeApi(): NativeApi | undefined {
  const g = globalThis as { browser?: NativeApi; chrome?: NativeApi };
  return g.browser?.i18n ? g.browser : g.chrome;
}

let drawn: DrawnBadges | null = null;

/** Asks the background which headline links it knows; an empty list when it cannot answer. */
async function askKnown(pageUrl: string, urls: string[]): Promise<MessageReturn<'knownTeasers'>> {
  const runtime = contentRuntime();
  if (!runtime) return [];
  const reply = (await runtime.sendMessage({
    type: 'knownTeasers',
    data: { pageUrl, urls },
  } satisfies Envelope<'knownTeasers'>)) as
    | { ok?: boolean; value?: MessageReturn<'knownTeasers'> }
    | undefined;
  return reply?.ok === true && Array.isArray(reply.value) ? reply.value : [];
}

/** Collects the headline links, asks, draws. */
export async function showBadges(doc: Document, pageUrl: string): Promise<DrawnBadges | null> {
  const links = findTeaserLinks(doc, pageUrl, BADGE_MAX_LINKS);
  if (links.length === 0) return null;
  const known = await askKnown(
    pageUrl,
    links.map((l) => l.url),
  );
  if (known.length === 0) return null;
  const anchors = new Map(links.map((l) => [l.url, l.anchor]));
  const i18n = nativeApi()?.i18n;
  const items = known.flatMap(({ url, label }) => {
    const anchor = anchors.get(url);
    if (!anchor || typeof label !== 'string' || label === '') return [];
    const title = i18n?.getMessage('teaserBadgeTitle', [label]) || label;
    return [{ anchor, label, title }];
  });
  drawn?.remove();
  drawn = drawBadges(doc, items);
  return drawn;
}

/**
 * The content script's hook (entrypoints/page-reader.ts), called with the detection its idle read made: nothing
 * more on an article or a page with few links; otherwise one storage read, and the badges only when they are on.
 */
export function maybeShowBadges(detection: PageDetection): void {
  if (detection.isArticle || document.links.length < BADGE_MIN_LINKS) return;
  badgesOn()
    .then((on) => (on ? showBadges(document, location.href) : null))
    .catch(() => undefined);
}
