/**
 * Encyclopedia cards (opt-in, off by default): a short Wikipedia summary of the people, organisations and
 * places of the article in the tab, fetched by the background and kept in `db.cards` for CARD_TTL_MS. Nothing
 * is requested unless the reader turned cards on in the options page AND the browser granted access to
 * Wikipedia; only the entity's name is sent, to the Wikipedia of the article's language. Offline, or when a
 * refresh fails, the cached card is still shown, marked stale.
 */
import { browser } from 'wxt/browser';
import { parseSummary, summaryUrl, wikiLang } from '@/core/cards/wikipedia';
import type { BackgroundEntity, CardSettings, EncyclopediaCard, TabView } from '@/core/model';
import type { BackstoryDB, CardRecord } from '@/lib/db/schema';
import { broadcastTabViewChanged } from '@/lib/messaging';

/** The settings key; its value is `{ enabled: boolean }`. */
export const CARDS_SETTING = 'cards';
/** The origins the options page asks for when the reader turns cards on. */
export const CARD_ORIGINS = ['https://*.wikipedia.org/*', 'https://www.wikidata.org/*'];
export const CARD_TTL_MS = 14 * 86_400_000;
/** A name with no article (or a disambiguation page) is not asked about again for this long. */
export const MISS_TTL_MS = 3 * 86_400_000;
/** After a network failure, the same card is not retried for this long (the cached one is shown). */
export const RETRY_AFTER_MS = 5 * 60_000;
/** Cards per article: the top people, organisations and places of its background. */
export const CARDS_PER_TYPE = { people: 3, organizations: 2, places: 2 } as const;

export interface CardDeps {
  fetch?: typeof fetch;
  now?: () => number;
  /** Whether the browser granted CARD_ORIGINS; default browser.permissions.contains (false when it throws). */
  hasPermission?: () => Promise<boolean>;
  /** Default: navigator.onLine. */
  online?: () => boolean;
  timeoutMs?: number;
}

export async function hasCardPermission(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: CARD_ORIGINS });
  } catch {
    return false;
  }
}

export async function cardsEnabled(db: BackstoryDB): Promise<boolean> {
  const record = await db.settings.get(CARDS_SETTING);
  const value = record?.value as { enabled?: unknown } | undefined;
  return value?.enabled === true;
}

/** An entity a card is asked for. */
export interface CardSubject {
  key: string;
  name: string;
}

/** The background's top entities: the ones that get a card. */
export function cardSubjects(background: {
  people: BackgroundEntity[];
  organizations: BackgroundEntity[];
  places: BackgroundEntity[];
}): CardSubject[] {
  return [
    ...background.people.slice(0, CARDS_PER_TYPE.people),
    ...background.organizations.slice(0, CARDS_PER_TYPE.organizations),
    ...background.places.slice(0, CARDS_PER_TYPE.places),
  ].map(({ key, name }) => ({ key, name }));
}

const cardKey = (lang: string, entityKey: string) => `${lang}:${entityKey}`;

/** A stored card as shown; null for a remembered miss (no article). */
export function toCard(record: CardRecord, now: number): EncyclopediaCard | null {
  if (!record.summary || !record.url) return null;
  return {
    entityKey: record.entityKey,
    lang: record.lang,
    title: record.title,
    summary: record.summary,
    url: record.url,
    fetchedTs: record.fetchedTs,
    stale: record.expiresTs <= now,
  };
}

export function createCardService(db: BackstoryDB, deps: CardDeps = {}) {
  const now = deps.now ?? Date.now;
  const doFetch = deps.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const hasPermission = deps.hasPermission ?? hasCardPermission;
  const online = deps.online ?? (() => globalThis.navigator?.onLine !== false);
  const timeoutMs = deps.timeoutMs ?? 8000;
  const inFlight = new Set<string>();
  const retryAfter = new Map<string, number>();

  async function settings(): Promise<CardSettings> {
    const [enabled, permission, cached] = await Promise.all([
      cardsEnabled(db),
      hasPermission(),
      db.cards.count(),
    ]);
    return { enabled, permission, cached };
  }

  /** Turning cards off forgets the cached ones too. */
  async function setEnabled(enabled: boolean): Promise<CardSettings> {
    await db.settings.put({ key: CARDS_SETTING, value: { enabled } });
    if (!enabled) await db.cards.clear();
    return settings();
  }

  /** The cached cards of these entities in this language (stale ones too), by entity key. */
  async function cached(
    entityKeys: readonly string[],
    lang: string,
  ): Promise<Record<string, EncyclopediaCard>> {
    const records = await db.cards.bulkGet(entityKeys.map((k) => cardKey(lang, k)));
    const t = now();
    const cards: Record<string, EncyclopediaCard> = {};
    for (const r of records) {
      const card = r && toCard(r, t);
      if (card) cards[card.entityKey] = card;
    }
    return cards;
  }

  async function fetchOne(subject: CardSubject, lang: string): Promise<boolean> {
    const url = summaryUrl(lang, subject.name);
    if (!url) return false;
    const key = cardKey(lang, subject.key);
    let response: Response;
    try {
      response = await doFetch(url, {
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      retryAfter.set(key, now() + RETRY_AFTER_MS);
      return false;
    }
    const t = now();
    const parsed = response.ok ? parseSummary(await response.json().catch(() => null)) : null;
    if (!parsed && response.status !== 404 && response.ok === false) {
      // A server error or rate limit: keep what is cached, try again later.
      retryAfter.set(key, t + RETRY_AFTER_MS);
      return false;
    }
    await db.cards.put({
      key,
      lang,
      entityKey: subject.key,
      title: parsed?.title ?? subject.name,
      summary: parsed?.summary ?? '',
      url: parsed?.url ?? '',
      fetchedTs: t,
      expiresTs: t + (parsed ? CARD_TTL_MS : MISS_TTL_MS),
    });
    return !!parsed;
  }

  /**
   * Fetches the cards that are missing or expired, one after the other. Returns how many new cards were stored
   * (0 without a request when cards are off, the permission is missing or the browser is offline).
   */
  async function refresh(subjects: readonly CardSubject[], lang: string): Promise<number> {
    if (subjects.length === 0 || !(await cardsEnabled(db)) || !online() || !(await hasPermission())) return 0;
    const records = await db.cards.bulkGet(subjects.map((s) => cardKey(lang, s.key)));
    const t = now();
    const due = subjects.filter((s, i) => {
      const key = cardKey(lang, s.key);
      const record = records[i];
      return (!record || record.expiresTs <= t) && !inFlight.has(key) && (retryAfter.get(key) ?? 0) <= t;
    });
    let stored = 0;
    for (const subject of due) {
      const key = cardKey(lang, subject.key);
      inFlight.add(key);
      try {
        if (await fetchOne(subject, lang)) stored++;
      } finally {
        inFlight.delete(key);
      }
    }
    return stored;
  }

  /**
   * A tab's view with the cached cards of its background when cards are on; missing or expired ones are
   * fetched meanwhile, and the tab's pages are told to reload when new ones arrived.
   */
  async function withCards(view: TabView, tabId: number): Promise<TabView> {
    if (view.state !== 'ready' || !(await cardsEnabled(db))) return view;
    const subjects = cardSubjects(view.context.background);
    const lang = wikiLang(view.context.story.lang);
    const cards = await cached(
      subjects.map((s) => s.key),
      lang,
    );
    void refresh(subjects, lang).then(
      (stored) => (stored > 0 ? broadcastTabViewChanged(tabId) : undefined),
      () => undefined,
    );
    return Object.keys(cards).length ? { ...view, context: { ...view.context, cards } } : view;
  }

  return { settings, setEnabled, cached, refresh, withCards };
}

export type CardService = ReturnType<typeof createCardService>;
