/**
 * page/badges.ts in happy-dom: which links are headlines, and that drawing adds exactly one host to the page,
 * with a closed shadow root, and nothing else.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BADGE_HOST_TAG, drawBadges, findTeaserLinks } from '@/page/badges';

const PAGE = 'https://news.example/';

function frontPage(): Document {
  document.body.innerHTML = `
    <header><nav><a href="/world/long-section-name-in-menu">World news from every continent today</a></nav></header>
    <main>
      <article><h2><a href="/world/2025/06/27/leaders-meet">Leaders meet at the border for talks</a></h2></article>
      <article><a href="https://other.example/2025/06/28/talks-resume#comments"><h3>Talks resume after the summit</h3></a></article>
      <article><a href="/world/2025/06/27/leaders-meet#more">Leaders meet at the border for talks</a></article>
      <a href="/short">Short</a>
      <a href="mailto:desk@news.example">Write to the news desk about this</a>
      <a href="#top">Back to the top of this page</a>
    </main>
    <footer><a href="/about/the-newsroom-and-its-people">About the newsroom and its people</a></footer>`;
  return document;
}

afterEach(() => {
  document.body.innerHTML = '';
  for (const host of Array.from(document.querySelectorAll(BADGE_HOST_TAG))) host.remove();
});

describe('findTeaserLinks', () => {
  it('finds headline links once each, without fragments, and skips menus, footers, short and non-web links', () => {
    const links = findTeaserLinks(frontPage(), PAGE, 100);
    expect(links.map((l) => l.url)).toEqual([
      'https://news.example/world/2025/06/27/leaders-meet',
      'https://other.example/2025/06/28/talks-resume',
    ]);
    expect(links[0]!.anchor.textContent).toBe('Leaders meet at the border for talks');
  });

  it('stops at the limit', () => {
    expect(findTeaserLinks(frontPage(), PAGE, 1)).toHaveLength(1);
  });
});

describe('drawBadges', () => {
  it('adds nothing when there is nothing to draw', () => {
    const doc = frontPage();
    const before = doc.documentElement.outerHTML;
    expect(drawBadges(doc, [])).toBeNull();
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('adds one zero-size host with a closed shadow root and changes nothing else', () => {
    const doc = frontPage();
    const body = doc.body.innerHTML;
    const mutations: MutationRecord[] = [];
    const observer = new MutationObserver((records) => mutations.push(...records));
    observer.observe(doc.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    const [first] = findTeaserLinks(doc, PAGE, 10);
    const drawn = drawBadges(doc, [
      { anchor: first!.anchor, label: '3 earlier parts', title: 'Backstory: 3 earlier parts' },
    ]);
    mutations.push(...observer.takeRecords());
    observer.disconnect();
    expect(drawn).not.toBeNull();
    const hosts = doc.querySelectorAll(BADGE_HOST_TAG);
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.parentElement).toBe(doc.documentElement);
    // Closed: the page's scripts cannot read what the reader read.
    expect((hosts[0] as HTMLElement).shadowRoot).toBeNull();
    expect((hosts[0] as HTMLElement).getAttribute('style')).toMatch(/position:absolute !important/);
    expect((hosts[0] as HTMLElement).getAttribute('style')).toMatch(/width:0 !important;height:0 !important/);
    expect(doc.body.innerHTML).toBe(body);
    // The only change to the page: the host, added once.
    expect(mutations.every((m) => m.type === 'childList' && m.target === doc.documentElement)).toBe(true);
    expect(mutations.flatMap((m) => Array.from(m.addedNodes))).toEqual([hosts[0]]);
    drawn!.remove();
    expect(doc.querySelector(BADGE_HOST_TAG)).toBeNull();
  });
});
