import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { SearchBox } from '../search/search-box';
import { type ContextClient, type FirstView, useTabView } from '../state/context-client';
import type { Locale } from '../ui/format';
import { ContextView } from './context-view';

export interface ContextPageProps {
  client: ContextClient;
  /** Show "Open side panel" (popup only) when the client can open one. */
  sidePanelButton?: boolean;
  /** Called after the side panel opened, e.g. to close the popup. */
  onSidePanelOpened?: () => void;
  locale?: Locale;
  /** The view asked for before mounting (state/context-client.ts prefetchView): shown at once, no second request. */
  start?: FirstView;
  /** The first frame shows the header and background, the sections below follow (ContextView's `staged`). */
  staged?: boolean;
}

/** The popup / side panel page: a small app bar over the tab's context. */
export function ContextPage({
  client,
  sidePanelButton = false,
  onSidePanelOpened,
  locale,
  start,
  staged = false,
}: ContextPageProps) {
  const { view, loading, reload } = useTabView(client, start);
  const [panelError, setPanelError] = useState<string | null>(null);
  const openSidePanel = sidePanelButton ? client.openSidePanel?.bind(client) : undefined;
  const [search] = useState(() => client.search?.bind(client));
  const [showInPage] = useState(() => client.showInPage?.bind(client));

  const onOpen = () => {
    if (!openSidePanel) return;
    setPanelError(null);
    // Called synchronously inside the click: browsers only open panels on a user gesture.
    openSidePanel().then(
      () => onSidePanelOpened?.(),
      (error: unknown) => setPanelError(error instanceof Error ? error.message : t('contextSidePanelFailed')),
    );
  };

  return (
    <div class="app">
      <div class="app-bar">
        <span class="brand">{t('extName')}</span>
        <span class="app-actions">
          {client.openOptions && (
            <button
              type="button"
              class="button button-small button-secondary"
              onClick={() => void client.openOptions?.()}
            >
              {t('contextYourData')}
            </button>
          )}
          {openSidePanel && (
            <button type="button" class="button button-small" onClick={onOpen}>
              {t('contextOpenSidePanel')}
            </button>
          )}
        </span>
      </div>
      {panelError && (
        <p class="inline-error" role="alert">
          {panelError}
        </p>
      )}
      {search && <SearchBox search={search} locale={locale} />}
      <ContextView
        view={view}
        loading={loading}
        onRetry={reload}
        locale={locale}
        onShowInPage={showInPage}
        follow={client.follow}
        feedOffers={client.feedOffers}
        backfill={client.backfill}
        staged={staged}
        onPause={
          client.setSitePaused
            ? (site, paused) => {
                client.setSitePaused?.(site, paused).then(reload, reload);
              }
            : undefined
        }
      />
    </div>
  );
}
