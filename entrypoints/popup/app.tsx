import { useState } from 'preact/hooks';
import { ContextPage } from '@/components/context/context-page';
import type { ContextClient } from '@/components/state/context-client';
import { createContextClient } from '@/lib/context-client';

/** The toolbar popup: the active tab's context, and a way into the side panel. */
export function App({ client }: { client?: ContextClient }) {
  const [real] = useState(() => client ?? createContextClient({ follow: false }));
  // The popup has nothing left to do once the side panel shows the same context.
  return <ContextPage client={real} sidePanelButton onSidePanelOpened={() => window.close()} />;
}
