import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { LookupResult } from '@/core/model';
import { t } from '@/lib/i18n';
import type { Locale } from '../ui/format';
import { LookupPanel } from './lookup-view';

/** Where look-ups come from, behind an interface so pages can run with a fake (the real one: lib/lookup/client.ts). */
export interface LookupSource {
  /** The look-up the page was opened for (`?lookup=`, or the one the background left), or null. */
  initial(): Promise<string | null>;
  /** Calls `onLookup` for each look-up asked while the page is open. Returns unsubscribe. */
  subscribe(onLookup: (query: string) => void): () => void;
  lookup(query: string): Promise<LookupResult>;
}

/** Shows a look-up when one is asked for, else `children` (the tab's context); "Back" returns to it. */
export function LookupSwitch({
  source,
  children,
  locale,
}: {
  source: LookupSource;
  children: ComponentChildren;
  locale?: Locale;
}) {
  const [query, setQuery] = useState<string | null>(null);
  const [lookup] = useState(() => source.lookup.bind(source));
  useEffect(() => {
    let live = true;
    source.initial().then(
      (q) => {
        if (live && q !== null) setQuery(q);
      },
      () => undefined,
    );
    const off = source.subscribe((q) => setQuery(q));
    return () => {
      live = false;
      off();
    };
  }, [source]);
  if (query === null) return <>{children}</>;
  return (
    <div class="app">
      <div class="app-bar">
        <span class="brand">{t('extName')}</span>
      </div>
      <LookupPanel query={query} lookup={lookup} onClose={() => setQuery(null)} locale={locale} />
    </div>
  );
}
