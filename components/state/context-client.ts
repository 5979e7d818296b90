import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { SearchResults, TabView } from '@/core/model';
import { t } from '@/lib/i18n';
import type { FeedOfferControl } from '../context/feed-offers';
import type { FollowControl } from '../context/follow-toggle';
import type { BackfillControl } from '../context/more-coverage';
import { messageOf } from '../ui/notice';

/**
 * What the popup and side panel need from the extension, behind an interface so components can run with a
 * fake in tests and demos. The real one is `lib/context-client.ts`.
 */
export interface ContextClient {
  /** The view of the tab this page shows (the active tab, or the one pinned with `?tab=`). */
  getView(): Promise<TabView>;
  /**
   * The tab's view as last shown (the popup's or side panel's memory of it), for an instant first paint while
   * `getView` asks the background; null when none is known for the page the tab shows. Absent: no memory.
   */
  cachedView?(): Promise<TabView | null>;
  /** Calls `onChange` when the view may have changed (analysis done, tab switched). Returns unsubscribe. */
  subscribe(onChange: () => void): () => void;
  /**
   * Opens the side panel (Chrome) or sidebar (Firefox). Absent when the browser has neither. Must be called
   * straight from a click handler: browsers only open panels in response to a user gesture.
   */
  openSidePanel?(): Promise<void>;
  /** Opens the options page (the reader's data: export, delete). */
  openOptions?(): Promise<void>;
  /** Searches the reader's stories and entities (the search box). Absent: no search box. */
  search?(query: string): Promise<SearchResults>;
  /**
   * Scrolls to and highlights `text` in the page open in the tab (a sentence or a name of its article), or
   * opens `href` (its text-fragment link) where the page cannot be reached. Absent: links open in a new tab.
   */
  showInPage?(text: string, href: string): Promise<void>;
  /** Following the article's thread (a toggle under its title). Absent: no toggle. */
  follow?: FollowControl;
  /** The feeds the tab's page advertises, with one-click Follow (feed discovery). Absent: not offered. */
  feedOffers?: FeedOfferControl;
  /** "Find more coverage" through the search-feed provider, when the reader turned it on. Absent: no button. */
  backfill?: BackfillControl;
  /** Pauses (or resumes) Backstory on a site ("Pause on this site"). Absent: no button. */
  setSitePaused?(site: string, paused: boolean): Promise<void>;
}

export interface TabViewState {
  /** Null until the first answer (or the client's remembered view, shown at once). */
  view: TabView | null;
  /**
   * True once a request has been in flight for longer than `LOADING_DELAY_MS`: only then does the page say it is
   * loading. A faster answer replaces the previous view in one step, without a loading frame in between.
   */
  loading: boolean;
  /** Asks again (the "Try again" button, or after a change notification). */
  reload: () => void;
}

/** How long a request may take before the page shows that it is loading (the side panel's tab switches). */
export const LOADING_DELAY_MS = 300;

/** The mark the popup and side panel set when they first show a tab's view (`npm run bench -- popup`). */
export const PAINTED_MARK = 'backstory:painted';
/** The mark set when the background's first answer is on screen (the same moment without a remembered view). */
export const FRESH_MARK = 'backstory:painted-fresh';

/** What a page knows before it mounts: a view to show at once (or null), and the request already on its way. */
export interface FirstView {
  initial: TabView | null;
  request: Promise<TabView>;
}

/**
 * Asks for the tab's view before the page mounts, and looks up the remembered one at the same time: resolves
 * with the first of the background's answer, the remembered view, or nothing after `waitMs` (then the page
 * mounts and says it is loading). No request waits for another.
 */
export async function prefetchView(client: ContextClient, waitMs = LOADING_DELAY_MS): Promise<FirstView> {
  const request = client.getView();
  const fresh = request.then(
    (view) => view,
    () => null,
  );
  const remembered = client.cachedView
    ? client.cachedView().then(
        (view) => view ?? fresh,
        () => fresh,
      )
    : fresh;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giveUp = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
  });
  const initial = await Promise.race([fresh, remembered, giveUp]);
  clearTimeout(timer);
  return { initial, request };
}

function markOnce(name: string, view: TabView): void {
  try {
    if (performance.getEntriesByName(name).length === 0)
      performance.mark(name, { detail: { state: view.state } });
  } catch {
    // No User Timing here (an old test environment): nothing to measure.
  }
}

/**
 * After the frame that shows the current render (a frame, then a task), like Preact's effects. Returns a function
 * that cancels the call if it has not run yet.
 */
export function afterNextPaint(callback: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (typeof requestAnimationFrame !== 'function') {
    timer = setTimeout(callback, 0);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(callback, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

function errorView(error: unknown): TabView {
  const message = messageOf(error);
  return { state: 'error', url: null, message: message || t('contextErrorText') };
}

/**
 * Loads the view from `client`, reloads on its change notifications, and keeps only the newest answer when
 * requests overlap. A failed request becomes an `error` view, so the UI always has something to show. While a
 * request is in flight the previous view stays on screen; `loading` turns true only after `LOADING_DELAY_MS`.
 * `initial` (a view already known when the page opened) is shown at once, and then refreshed.
 */
export function useTabView(client: ContextClient, start?: FirstView): TabViewState {
  const [view, setView] = useState<TabView | null>(start?.initial ?? null);
  /** The prefetched request answers the first load; every later load asks again. */
  const first = useRef(start?.request);
  const freshMarked = useRef(false);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const mounted = useRef(true);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const marked = useRef(false);

  const settle = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    setLoading(false);
  };

  const reload = useCallback(() => {
    const request = ++latest.current;
    if (timer.current === undefined) {
      timer.current = setTimeout(() => {
        if (mounted.current && request <= latest.current) setLoading(true);
      }, LOADING_DELAY_MS);
    }
    const pending = first.current ?? client.getView();
    first.current = undefined;
    pending.then(
      (next) => {
        if (!mounted.current || request !== latest.current) return;
        setView(next);
        settle();
        if (!freshMarked.current) {
          freshMarked.current = true;
          afterNextPaint(() => markOnce(FRESH_MARK, next));
        }
      },
      (error: unknown) => {
        if (!mounted.current || request !== latest.current) return;
        setView(errorView(error));
        settle();
      },
    );
  }, [client]);

  useEffect(() => {
    mounted.current = true;
    const prefetched = first.current;
    reload();
    const unsubscribe = client.subscribe(reload);
    // The prefetched request was sent before this subscription: a change between its answer and now (the article
    // read meanwhile) was not heard. An answer that is waiting for one ("analysing") is asked again, now that
    // changes are heard.
    prefetched?.then(
      (view) => {
        if (view.state === 'analysing' && mounted.current) reload();
      },
      () => undefined,
    );
    return () => {
      mounted.current = false;
      clearTimeout(timer.current);
      timer.current = undefined;
      unsubscribe();
    };
  }, [client, reload]);

  // Runs after the frame that first shows a view: the popup's "painted with data" moment.
  useEffect(() => {
    if (view === null || marked.current) return;
    marked.current = true;
    markOnce(PAINTED_MARK, view);
  }, [view]);

  return { view, loading, reload };
}
