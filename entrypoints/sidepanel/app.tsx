import { useState } from 'preact/hooks';
import { ContextPage } from '@/components/context/context-page';
import { type LookupSource, LookupSwitch } from '@/components/lookup/lookup-switch';
import type { ContextClient, FirstView } from '@/components/state/context-client';
import { createContextClient } from '@/lib/context-client';
import { createLookupSource } from '@/lib/lookup/client';

/**
 * The side panel (Chrome) / sidebar (Firefox): follows the active tab as the reader moves around, and shows a
 * look-up ("Look up in Backstory" on selected text) when one is asked for.
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
  const [real] = useState(() => client ?? createContextClient({ follow: true }));
  const [source] = useState(() => lookups ?? createLookupSource({ pending: true }));
  return (
    <LookupSwitch source={source}>
      <ContextPage client={real} start={start} />
    </LookupSwitch>
  );
}
