import { defineUnlistedScript } from '#imports';
import { BADGE_MIN_LINKS } from '@/core/badges/teaser-badges';
import { badgesOn } from '@/lib/badges/keys';
import {
  installPageReader,
  PAGE_READER_GLOBAL,
  type PageReaderHandle,
  readerScriptUrl,
} from '@/lib/content-messaging';
import { plainlyNotArticle } from '@/page/gate';

/**
 * The content script (declared in wxt.config.ts's manifest for every http(s) page, at document_idle): a gate in
 * front of the reader. The reader (entrypoints/page-reader.ts: the detection, the capture, the badges) is about
 * 20 KB of script, and a page pays about 2 ms just for parsing it — more than a page that is not an article may
 * cost. The gate takes one look at the page (page/gate.ts) and loads the reader, a web-accessible module at a
 * per-session address, only when the page may be an article, when the reader asks about the page (the popup),
 * when the page moves to another address (a single-page app) or when the in-page badges are on.
 *
 * A page the gate turns away costs no message: a handle on the isolated world's global (lib/content-messaging.ts),
 * which the background reads when the reader opens the popup there, a navigation listener and, on a page of many
 * links, one storage read for the badges. Never throws into the page, never changes it.
 */
export default defineUnlistedScript(() => {
  let loading: Promise<unknown> | null = null;
  const loadReader = (): Promise<unknown> => {
    if (loading) return loading;
    const url = readerScriptUrl();
    if (!url) return Promise.resolve();
    loading = import(/* @vite-ignore */ url).catch(() => {
      // The extension was reloaded or the browser refused the module: nothing runs, as on a page we may not read.
      loading = null;
    });
    return loading;
  };

  // Until the reader is loaded (it installs its own), the handle is the gate's: it loads the reader and asks it.
  // Set first: the popup may ask while the reader loads.
  const handle: PageReaderHandle = {
    readNow: () =>
      loadReader().then(() => {
        const reader = (globalThis as Record<string, unknown>)[PAGE_READER_GLOBAL] as
          | PageReaderHandle
          | undefined;
        return reader && reader !== handle ? reader.readNow() : null;
      }),
  };
  installPageReader(handle);

  let plain = false;
  try {
    plain = plainlyNotArticle(document, document.URL);
  } catch {
    // The page's DOM misbehaved: let the reader's detection decide.
  }
  if (!plain) {
    void loadReader();
    return;
  }

  // A single-page app's next address may be an article: the reader reads it once the app has drawn it. (The
  // address is read as document.URL, which the gate's look has used already: location's first use costs more.)
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  const first = document.URL;
  const moved = () => {
    if (document.URL === first) return false;
    setTimeout(loadReader, 800);
    return true;
  };
  if (navigation?.addEventListener) {
    const onNavigate = () => {
      if (moved()) navigation.removeEventListener('navigatesuccess', onNavigate);
    };
    navigation.addEventListener('navigatesuccess', onNavigate);
  } else {
    const timer = setInterval(() => moved() && clearInterval(timer), 1000);
  }

  // The in-page badges (opt-in) are for front pages and lists: many links. One storage read says whether they are
  // on. (Links counted by tag, as the gate counted paragraphs: document.links' first use costs more.)
  if (document.getElementsByTagName('a').length >= BADGE_MIN_LINKS)
    void badgesOn().then((on) => (on ? loadReader() : null));
});
