import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { StoryContext, TabView } from '@/core/model';
import { siteOf } from '@/core/site';
import { t, tp } from '@/lib/i18n';
import { afterNextPaint } from '../state/context-client';
import type { Locale } from '../ui/format';
import { ArticleHeader } from './article-header';
import { BackgroundBlock } from './background-block';
import { Copies } from './copies';
import { type FeedOfferControl, FeedOffers } from './feed-offers';
import { type FollowControl, FollowToggle } from './follow-toggle';
import { type BackfillControl, MoreCoverage } from './more-coverage';
import type { ShowInPage } from './page-link';
import { RelatedList } from './related-list';
import { SinceLastReadBlock } from './since-last-read';
import { TimelineList } from './timeline-list';

export interface ContextViewProps {
  /** The tab's view; null while the first answer is on its way. */
  view: TabView | null;
  /** True while a (re)load is in flight; the current view stays on screen meanwhile. */
  loading?: boolean;
  /** Shown as "Try again" in the error state. */
  onRetry?: () => void;
  /** BCP 47 locale for dates; undefined = the reader's locale. */
  locale?: Locale;
  /** Links to the article's own sentences highlight them in the open page (lib/page-highlight.ts). */
  onShowInPage?: ShowInPage;
  /** "Follow this story" for the article's thread; absent: no toggle. */
  follow?: FollowControl;
  /** The feeds the page advertises, offered to follow; absent: not offered. */
  feedOffers?: FeedOfferControl;
  /** "Find more coverage" (shown when the reader turned the provider on); absent: no button. */
  backfill?: BackfillControl;
  /** "Pause on this site" / "Resume"; absent: no button. */
  onPause?: (site: string, paused: boolean) => void;
  /**
   * The popup's first frame: the article's header and its background first, the sections below them (since last
   * read, timeline, related, more coverage) right after that frame is painted. Off: all in one render.
   */
  staged?: boolean;
}

/** True once the frame after the first render has been painted (at once when `staged` is off). */
function useAfterFirstPaint(staged: boolean): boolean {
  const [done, setDone] = useState(!staged);
  useEffect(() => (done ? undefined : afterNextPaint(() => setDone(true))), [done]);
  return done;
}

function StatePanel({
  title,
  children,
  busy = false,
  tone = 'info',
}: {
  title: string;
  children?: ComponentChildren;
  busy?: boolean;
  tone?: 'info' | 'error';
}) {
  return (
    <div class={`state state-${tone}`}>
      {busy && <span class="spinner" aria-hidden="true" />}
      <h1 class="state-title">{title}</h1>
      {children}
    </div>
  );
}

function ReadyContent({
  context,
  locale,
  onShowInPage,
  follow,
  backfill,
  onRetry,
  staged = false,
}: {
  context: StoryContext;
  locale: Locale;
  onShowInPage?: ShowInPage;
  follow?: FollowControl;
  backfill?: BackfillControl;
  onRetry?: () => void;
  staged?: boolean;
}) {
  const below = useAfterFirstPaint(staged);
  return (
    <div class="context">
      <ArticleHeader story={context.story} locale={locale} />
      {context.copies && <Copies copies={context.copies} label={t('copiesOfArticle')} />}
      {follow && context.threadId && (
        <FollowToggle follow={follow} threadId={context.threadId} title={context.story.title} />
      )}
      <BackgroundBlock
        background={context.background}
        storyUrl={context.story.url}
        locale={locale}
        cards={context.cards}
        onShowInPage={onShowInPage}
      />
      {below && context.sinceLastRead && (
        <SinceLastReadBlock since={context.sinceLastRead} currentStoryId={context.story.id} locale={locale} />
      )}
      {below && (
        <TimelineList
          entries={context.timeline}
          currentStoryId={context.story.id}
          locale={locale}
          onShowInPage={onShowInPage}
        />
      )}
      {below && <RelatedList items={context.related} locale={locale} />}
      {below && backfill && <MoreCoverage control={backfill} storyId={context.story.id} onAdded={onRetry} />}
    </div>
  );
}

function readySummary(context: StoryContext): string {
  const { timeline, related } = context;
  return t(
    'contextReadySummary',
    tp('contextTimelineEntries', timeline.length),
    tp('contextRelatedStories', related.length),
  );
}

/** The state region's content: announced politely whenever the tab's state changes. */
function StateRegion({
  view,
  onRetry,
  onPause,
}: {
  view: TabView | null;
  onRetry?: () => void;
  onPause?: (site: string, paused: boolean) => void;
}) {
  if (view === null) {
    return <StatePanel title={t('contextLoading')} busy />;
  }
  switch (view.state) {
    case 'unsupported':
      return (
        <StatePanel title={t('contextUnsupportedTitle')}>
          <p>{t('contextUnsupportedText')}</p>
        </StatePanel>
      );
    case 'not-article':
      return (
        <StatePanel title={t('contextNotArticleTitle')}>
          <p>{t('contextNotArticleText')}</p>
        </StatePanel>
      );
    case 'unread':
      return (
        <StatePanel title={t('contextUnreadTitle')}>
          <p>{t('contextUnreadText')}</p>
        </StatePanel>
      );
    case 'paused':
      return (
        <StatePanel title={t('contextPausedTitle', view.site)}>
          <p>{t('contextPausedText')}</p>
          {onPause && (
            <button type="button" class="button" onClick={() => onPause(view.site, false)}>
              {t('contextResumeOn', view.site)}
            </button>
          )}
        </StatePanel>
      );
    case 'analysing':
      return (
        <StatePanel title={t('contextAnalysingTitle')} busy>
          <p>{t('contextAnalysingText')}</p>
        </StatePanel>
      );
    case 'error':
      return (
        <StatePanel title={t('contextErrorTitle')} tone="error">
          <p class="error-message">{view.message || t('contextErrorText')}</p>
          {onRetry && (
            <button type="button" class="button" onClick={onRetry}>
              {t('commonTryAgain')}
            </button>
          )}
        </StatePanel>
      );
    case 'ready':
      return <p class="visually-hidden">{readySummary(view.context)}</p>;
  }
}

/**
 * Everything the popup and side panel show for one tab. Props only: no browser APIs, no fetching. Page text
 * is always rendered as text, and links only point to http(s) URLs.
 */
export function ContextView({
  view,
  loading = false,
  onRetry,
  locale,
  onShowInPage,
  follow,
  feedOffers,
  backfill,
  onPause,
  staged = false,
}: ContextViewProps) {
  const site =
    view && (view.state === 'ready' || view.state === 'not-article' || view.state === 'unread')
      ? siteOf(view.url)
      : null;
  return (
    <main class="context-view" aria-busy={loading}>
      <div class="state-region" aria-live="polite" aria-atomic="true">
        <StateRegion view={view} onRetry={onRetry} onPause={onPause} />
      </div>
      {view?.state === 'ready' && (
        <ReadyContent
          context={view.context}
          locale={locale}
          onShowInPage={onShowInPage}
          follow={follow}
          backfill={backfill}
          onRetry={onRetry}
          staged={staged}
        />
      )}
      {feedOffers && site && view && (
        <FeedOffers control={feedOffers} pageUrl={view.url} pageKey={`${view.state} ${view.url ?? ''}`} />
      )}
      {onPause && site && (
        <p class="pause-site">
          <button
            type="button"
            class="button button-small button-secondary"
            onClick={() => onPause(site, true)}
          >
            {t('contextPauseOn', site)}
          </button>
        </p>
      )}
    </main>
  );
}
