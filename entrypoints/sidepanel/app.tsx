import { useState } from 'preact/hooks';
import { ContextPage } from '@/components/context/context-page';
import type { ContextClient } from '@/components/state/context-client';
import { createContextClient } from '@/lib/context-client';

/** The side panel (Chrome) / sidebar (Firefox): follows the active tab as the reader moves around. */
export function App({ client }: { client?: ContextClient }) {
  const [real] = useState(() => client ?? createContextClient({ follow: true }));
  return <ContextPage client={real} />;
}
