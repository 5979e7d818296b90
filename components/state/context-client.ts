import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { SearchResults, TabView } from '@/core/model';
import type { FollowControl } from '../context/follow-toggle';

/**
 * What the popup and side panel need from the extension, behind an interface so components can run with a
 * fake in tests and demos. The real one is `lib/context-client.ts`.
 */
export interface ContextClient {
  /** The view of the tab this page shows (the active tab, or the one pinned with `?tab=`). */
  getView(): Promise<TabView>;
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
  /** Pauses (or resumes) Backstory on a site ("Pause on this site"). Absent: no button. */
  setSitePaused?(site: string, paused: boolean): Promise<void>;
}

export interface TabViewState {
  /** Null until the first answer. */
  view: TabView | null;
  /** True while a request is in flight. */
  loading: boolean;
  /** Asks again (the "Try again" button, or after a change notification). */
  reload: () => void;
}

function errorView(error: unknown): TabView {
  const message = error instanceof Error ? error.message : String(error);
  return { state: 'error', url: null, message: message || 'Backstory could not load this tab.' };
}

/**
 * Loads the view from `client`, reloads on its change notifications, and keeps only the newest answer when
 * requests overlap. A failed request becomes an `error` view, so the UI always has something to show.
 */
export function useTabView(client: ContextClient): TabViewState {
  const [view, setView] = useState<TabView | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const mounted = useRef(true);

  const reload = useCallback(() => {
    const request = ++latest.current;
    setLoading(true);
    client.getView().then(
      (next) => {
        if (!mounted.current || request !== latest.current) return;
        setView(next);
        setLoading(false);
      },
      (error: unknown) => {
        if (!mounted.current || request !== latest.current) return;
        setView(errorView(error));
        setLoading(false);
      },
    );
  }, [client]);

  useEffect(() => {
    mounted.current = true;
    reload();
    const unsubscribe = client.subscribe(reload);
    return () => {
      mounted.current = false;
      unsubscribe();
    };
  }, [client, reload]);

  return { view, loading, reload };
}
