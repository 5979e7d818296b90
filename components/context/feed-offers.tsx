import { useEffect, useState } from 'preact/hooks';
import type { FeedOffer } from '@/core/feeds/discover';
import { t } from '@/lib/i18n';
import { messageOf, type Notice } from '../ui/notice';
import { Section } from './section';
import './feeds.css';

/** Feeds the page in the tab advertises, and following one (the real one: lib/feeds/discovery-client.ts). */
export interface FeedOfferControl {
  /** The feeds of the current tab's page that the reader does not follow yet. */
  list(): Promise<FeedOffer[]>;
  /**
   * Follows the feed. Called synchronously inside the click: it asks the browser for the feed's site before
   * anything is awaited (browsers only show the prompt on a user gesture). `granted` settles with the answer,
   * `followed` once the feed is stored.
   */
  follow(
    offer: FeedOffer,
    pageUrl: string | null,
  ): { granted: Promise<boolean>; followed: Promise<{ feedsTurnedOn: boolean }> };
}

/**
 * "Feeds on this site": the RSS, Atom and JSON feeds the page links to, each with a one-click Follow. Shown only
 * when there is one. Feed titles come from the page: text only.
 */
export function FeedOffers({
  control,
  pageUrl,
  pageKey,
}: {
  control: FeedOfferControl;
  /** The page the feeds were found on (its site becomes the feed's site). */
  pageUrl: string | null;
  /** Changes when the tab shows another page or state: the list is asked for again. */
  pageKey: string;
}) {
  const [offers, setOffers] = useState<FeedOffer[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    let live = true;
    setOffers([]);
    setNotice(null);
    control.list().then(
      (list) => live && setOffers(list),
      () => live && setOffers([]),
    );
    return () => {
      live = false;
    };
  }, [control, pageKey]);

  if (!offers.length && !notice) return null;

  const onFollow = (offer: FeedOffer) => {
    const title = offer.title ?? offer.site;
    setBusy(offer.url);
    setNotice(null);
    const { granted, followed } = control.follow(offer, pageUrl);
    Promise.all([granted.catch(() => false), followed]).then(
      ([ok, { feedsTurnedOn }]) => {
        setBusy(null);
        setOffers((list) => list.filter((o) => o.url !== offer.url));
        if (!ok) setNotice({ tone: 'error', text: t('discoverNotGranted', title, offer.site) });
        else
          setNotice({
            tone: 'ok',
            text: `${t('discoverFollowing', title)}${feedsTurnedOn ? ` ${t('discoverFeedsTurnedOn')}` : ''}`,
          });
      },
      (error: unknown) => {
        setBusy(null);
        setNotice({ tone: 'error', text: messageOf(error) });
      },
    );
  };

  return (
    <Section id="site-feeds" title={t('discoverHeading')}>
      {offers.length > 0 && (
        <>
          <p class="meta">{t('discoverHelp')}</p>
          <ul class="feed-offers">
            {offers.map((offer) => {
              const title = offer.title ?? offer.site;
              return (
                <li key={offer.url} class="feed-offer">
                  <span class="feed-offer-title">{title}</span> <span class="meta">{offer.site}</span>{' '}
                  <button
                    type="button"
                    class="button button-small"
                    disabled={busy !== null}
                    aria-label={t('discoverFollowLabel', title)}
                    onClick={() => onFollow(offer)}
                  >
                    {t('discoverFollow')}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div role="status" aria-live="polite">
        {notice && <p class={notice.tone === 'error' ? 'inline-error' : 'meta'}>{notice.text}</p>}
      </div>
    </Section>
  );
}
