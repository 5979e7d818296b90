import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContextView } from '@/components/context/context-view';
import type { TabView } from '@/core/model';
import { readyView } from './fixtures';

afterEach(cleanup);

describe('"Pause on this site" in the context view', () => {
  it.each<[string, TabView, string | null]>([
    ['an article', readyView(), 'news.example'],
    [
      'a page that is not an article',
      { state: 'not-article', url: 'https://www.shop.example/cart' },
      'shop.example',
    ],
    ['a page nobody could ask about', { state: 'unread', url: 'https://blog.example/p/1' }, 'blog.example'],
    ['a browser page', { state: 'unsupported', url: 'chrome://settings' }, null],
    ['a page being read', { state: 'analysing', url: 'https://news.example/a' }, null],
  ])('on %s offers to pause its site (%s)', (_name, view, site) => {
    const onPause = vi.fn();
    render(<ContextView view={view} onPause={onPause} />);
    const button = screen.queryByRole('button', { name: /^Pause on / });
    if (!site) {
      expect(button).toBeNull();
      return;
    }
    expect(button?.textContent).toBe(`Pause on ${site}`);
    fireEvent.click(button!);
    expect(onPause).toHaveBeenCalledWith(site, true);
  });

  it('says a paused site is paused and resumes it', () => {
    const onPause = vi.fn();
    render(
      <ContextView
        view={{ state: 'paused', url: 'https://news.example/a', site: 'news.example' }}
        onPause={onPause}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Paused on news.example' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Pause on / })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Resume on news.example' }));
    expect(onPause).toHaveBeenCalledWith('news.example', false);
  });

  it('shows no button without the control', () => {
    render(<ContextView view={readyView()} />);
    expect(screen.queryByRole('button', { name: /^Pause on / })).toBeNull();
  });
});
