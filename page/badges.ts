/**
 * In-page badges (opt-in): the headline links of a front page or an article list, and the small badges drawn
 * beside those whose story the reader's stories know ("3 earlier parts", "New since you last read").
 *
 * The page is never changed: one zero-size host element is added at the end of the document, positioned at its
 * origin, and everything is drawn in its closed shadow root; each badge is absolutely positioned at the end of
 * its headline's last line. Nothing takes space in the page's layout (no layout shift), nothing catches the
 * pointer, and the page's scripts cannot read the labels. Badges follow the headlines when the page's layout
 * changes (a resize, images loading, a scrolling container) in one read-then-write pass per animation frame.
 */

export const BADGE_HOST_TAG = 'backstory-badges';

export interface TeaserLink {
  /** The link's absolute http(s) address, without its #fragment. */
  url: string;
  anchor: HTMLAnchorElement;
}

/** Links in these are site navigation, not headlines. */
const MENU_SELECTOR =
  'nav, footer, menu, form, [role="navigation"], [role="menu"], [role="menubar"], [role="contentinfo"], [aria-hidden="true"]';

/**
 * The page's headline links: http(s) links to other pages whose text reads like a headline (at least 15
 * characters, 3 words), outside navigation, menus and footers, each address once, at most `max`.
 */
export function findTeaserLinks(doc: Document, pageUrl: string, max: number): TeaserLink[] {
  const page = pageUrl.replace(/#.*$/, '');
  const seen = new Set<string>();
  const out: TeaserLink[] = [];
  for (const anchor of Array.from(doc.querySelectorAll<HTMLAnchorElement>('a[href]'))) {
    if (out.length >= max) break;
    const text = (anchor.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text.length < 15 || text.split(' ').length < 3) continue;
    let url: string;
    try {
      const parsed = new URL(anchor.getAttribute('href') ?? '', pageUrl);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') continue;
      parsed.hash = '';
      url = parsed.href;
    } catch {
      continue;
    }
    if (url === page || seen.has(url)) continue;
    if (anchor.closest(MENU_SELECTOR)) continue;
    seen.add(url);
    out.push({ url, anchor });
  }
  return out;
}

const STYLE = `
:host { all: initial; }
.badge {
  position: absolute; top: 0; left: 0; box-sizing: border-box; max-width: 16em;
  padding: 1px 7px; border-radius: 9px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  font: 600 11px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; letter-spacing: 0;
  color: #fff; background: #1f4f8f; box-shadow: 0 0 0 1px rgba(255, 255, 255, 0.7);
  pointer-events: none; user-select: none;
}
.badge[hidden] { display: none; }
@media (prefers-color-scheme: dark) { .badge { color: #0b1b33; background: #9cc3ff; box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.6); } }
@media (prefers-reduced-motion: no-preference) { .badge { transition: opacity 120ms; } }
`;

export interface BadgeItem {
  anchor: Element;
  label: string;
  /** The accessible and hover text ("Backstory: 3 earlier parts"); the label when absent. */
  title?: string;
}

export interface DrawnBadges {
  host: HTMLElement;
  /** Places every badge again beside its headline (called on layout changes; cheap to call often). */
  update(): void;
  remove(): void;
}

/** The end of the headline's last line box, in document coordinates; null when it is not rendered. */
function lineEnd(anchor: Element, win: Window): { x: number; y: number; height: number } | null {
  const target = anchor.querySelector('h1, h2, h3, h4, h5, h6') ?? anchor;
  const rects = target.getClientRects();
  let last: DOMRect | undefined;
  for (let i = rects.length - 1; i >= 0; i--) {
    const r = rects[i]!;
    if (r.width > 0 && r.height > 0) {
      last = r;
      break;
    }
  }
  if (!last) return null;
  return { x: last.right + win.scrollX, y: last.top + win.scrollY, height: last.height };
}

/**
 * Draws `items` in one shadow root under a zero-size host appended to `doc`'s root element. Returns null when
 * nothing is to be drawn (no host is added then).
 */
export function drawBadges(doc: Document, items: readonly BadgeItem[]): DrawnBadges | null {
  const win = doc.defaultView;
  if (!win || items.length === 0) return null;
  const host = doc.createElement(BADGE_HOST_TAG);
  host.setAttribute(
    'style',
    'all:initial !important;position:absolute !important;top:0 !important;left:0 !important;width:0 !important;' +
      'height:0 !important;overflow:visible !important;z-index:2147483646 !important;pointer-events:none !important;' +
      'contain:layout style !important;',
  );
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  root.append(style);
  const badges = items.map((item) => {
    const el = doc.createElement('span');
    el.className = 'badge';
    el.textContent = item.label;
    el.title = item.title ?? item.label;
    el.setAttribute('role', 'note');
    el.setAttribute('aria-label', item.title ?? item.label);
    el.hidden = true;
    root.append(el);
    return { item, el };
  });

  let frame = 0;
  const place = () => {
    frame = 0;
    // Reads first, then writes: the headlines are measured in one layout, the badges (inside the host) in one more.
    const docWidth = doc.documentElement.scrollWidth;
    const spots = badges.map(({ item }) => (item.anchor.isConnected ? lineEnd(item.anchor, win) : null));
    badges.forEach(({ el }, i) => {
      el.hidden = !spots[i];
    });
    const widths = badges.map(({ el }) => (el.hidden ? 0 : el.offsetWidth || 120));
    badges.forEach(({ el }, i) => {
      const spot = spots[i];
      if (!spot) return;
      // After the headline's last word; below its start when that would leave the page.
      let x = spot.x + 6;
      let y = spot.y + Math.max(0, (spot.height - 18) / 2);
      if (x + widths[i]! > docWidth - 4) {
        x = Math.max(4, docWidth - widths[i]! - 4);
        y = spot.y + spot.height + 2;
      }
      el.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
    });
  };
  const update = () => {
    if (frame === 0) frame = win.requestAnimationFrame(place);
  };
  const onScroll = (event: Event) => {
    // The window's own scroll moves the host with the page; only scrolling containers move headlines in it.
    if (event.target !== doc && event.target !== doc.documentElement) update();
  };
  const resize = typeof win.ResizeObserver === 'function' ? new win.ResizeObserver(update) : null;

  doc.documentElement.append(host);
  place();
  win.addEventListener('resize', update, { passive: true });
  win.addEventListener('scroll', onScroll, { capture: true, passive: true });
  if (doc.body) resize?.observe(doc.body);

  return {
    host,
    update,
    remove() {
      if (frame) win.cancelAnimationFrame(frame);
      win.removeEventListener('resize', update);
      win.removeEventListener('scroll', onScroll, { capture: true });
      resize?.disconnect();
      host.remove();
    },
  };
}
