import { useState } from 'preact/hooks';
import { ContextPage } from '@/components/context/context-page';
import { type LookupSource, LookupSwitch } from '@/components/lookup/lookup-switch';
import type { ContextClient, FirstView } from '@/components/state/context-client';
import { createContextClient } from '@/lib/context-client';
import { createLookupSource } from '@/lib/lookup/client';

/**
 * The toolbar popup: the active tab's context, and a way into the side panel. Opened in a small window with
 * `?lookup=` where no side panel can open, it shows that look-up.
 */
export function App({
  client,
  lookups,
  start,
}: {
  client?: ContextClient;
  lookups?: LookupSource;
  /** The view asked for before mounting (main.tsx). */
  start?: FirstView;
}) {
  const [real] = useState(() => client ?? createContextClient({ follow: false }));
  const [source] = useState(() => lookups ?? createLookupSource({ pending: false }));
  // The popup has nothing left to do once the side panel shows the same context.
  return (
    <LookupSwitch source={source}>
      <ContextPage
        client={real}
        start={start}
        staged
        sidePanelButton
        onSidePanelOpened={() => window.close()}
      />
    </LookupSwitch>
  );
}
