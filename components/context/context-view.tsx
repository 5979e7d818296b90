import type { ComponentChildren } from 'preact';
import type { StoryContext, TabView } from '@/core/model';
import type { Locale } from '../ui/format';
import { ArticleHeader } from './article-header';
import { BackgroundBlock } from './background-block';
import { siteOf } from '@/core/site';
import { type FollowControl, FollowToggle } from './follow-toggle';
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
  /** "Pause on this site" / "Resume"; absent: no button. */
  onPause?: (site: string, paused: boolean) => void;
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
}: {
  context: StoryContext;
  locale: Locale;
  onShowInPage?: ShowInPage;
  follow?: FollowControl;
}) {
  return (
    <div class="context">
      <ArticleHeader story={context.story} locale={locale} />
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
      {context.sinceLastRead && (
        <SinceLastReadBlock since={context.sinceLastRead} currentStoryId={context.story.id} locale={locale} />
      )}
      <TimelineList
        entries={context.timeline}
        currentStoryId={context.story.id}
        locale={locale}
        onShowInPage={onShowInPage}
      />
      <RelatedList items={context.related} locale={locale} />
    </div>
  );
}

function readySummary(context: StoryContext): string {
  const { timeline, related } = context;
  const events = `${timeline.length} timeline ${timeline.length === 1 ? 'entry' : 'entries'}`;
  const stories = `${related.length} related ${related.length === 1 ? 'story' : 'stories'}`;
  return `Backstory is ready: ${events}, ${stories}.`;
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
    return <StatePanel title="Loading…" busy />;
  }
  switch (view.state) {
    case 'unsupported':
      return (
        <StatePanel title="Backstory can't read this page">
          <p>It works on news articles on the web. Browser pages, files and extension pages stay private.</p>
        </StatePanel>
      );
    case 'not-article':
      return (
        <StatePanel title="Not a news article">
          <p>Open a news article and Backstory will show its background, timeline and related stories.</p>
        </StatePanel>
      );
    case 'unread':
      return (
        <StatePanel title="No article read on this page">
          <p>
            Backstory reads news articles as you open them, and this page did not look like one. If it is an
            article that was open before Backstory was installed, reload it.
          </p>
        </StatePanel>
      );
    case 'paused':
      return (
        <StatePanel title={`Paused on ${view.site}`}>
          <p>Backstory does not read or keep anything from this site's pages while it is paused.</p>
          {onPause && (
            <button type="button" class="button" onClick={() => onPause(view.site, false)}>
              Resume on {view.site}
            </button>
          )}
        </StatePanel>
      );
    case 'analysing':
      return (
        <StatePanel title="Reading the article…" busy>
          <p>Backstory is finding who is involved and what happened before. This takes a moment.</p>
        </StatePanel>
      );
    case 'error':
      return (
        <StatePanel title="Something went wrong" tone="error">
          <p class="error-message">{view.message || 'Backstory could not load this tab.'}</p>
          {onRetry && (
            <button type="button" class="button" onClick={onRetry}>
              Try again
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
  onPause,
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
        <ReadyContent context={view.context} locale={locale} onShowInPage={onShowInPage} follow={follow} />
      )}
      {onPause && site && (
        <p class="pause-site">
          <button
            type="button"
            class="button button-small button-secondary"
            onClick={() => onPause(site, true)}
          >
            Pause on {site}
          </button>
        </p>
      )}
    </main>
  );
}
