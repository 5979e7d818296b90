import { render } from 'preact';
import '@/components/ui/theme.css';
import { prefetchView } from '@/components/state/context-client';
import { createContextClient } from '@/lib/context-client';
import { applyLocale, t } from '@/lib/i18n';
import { App } from './app';

// lang and dir from the locale in use (right-to-left locales get dir=rtl), and the title in it.
applyLocale(document);
document.title = t('extName');
const root = document.getElementById('app');
if (root) {
  // The tab's view is asked for before anything mounts, together with the one remembered from the last time
  // (lib/view-cache.ts): the first frame already shows the context, not a loading state.
  const client = createContextClient({ follow: true });
  void prefetchView(client).then((start) => render(<App client={client} start={start} />, root));
}
