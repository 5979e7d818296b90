import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ContextView } from '@/components/context/context-view';
import type { StorySummary } from '@/core/model';
import { readyView, relatedItem } from './fixtures';

afterEach(cleanup);

const copy = (id: number, publisher: string | null, url: string): StorySummary => ({
  id,
  url,
  title: 'Port terminal closed',
  publisher,
  publishedAt: '2026-11-20',
  lang: 'en',
});

describe('wire copies in the context', () => {
  it("lists the outlets that published the article's text, each a link to its copy", () => {
    render(
      <ContextView
        view={readyView({
          copies: [
            copy(7, 'Outlet A', 'https://a.example/port'),
            copy(8, null, 'https://b.example/news/port'),
          ],
        })}
      />,
    );
    const line = screen.getByText(/Same text also published by/).closest('p')!;
    expect(line.textContent).toBe('Same text also published by Outlet A, b.example');
    expect(
      within(line)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['https://a.example/port', 'https://b.example/news/port']);
  });

  it('shows the copies of a related story under it, and a non-http(s) address as text only', () => {
    render(
      <ContextView
        view={readyView({
          related: [
            relatedItem({
              id: 3,
              copies: [
                copy(9, 'Outlet C', 'https://c.example/port'),
                copy(10, 'Outlet D', 'javascript:alert(1)'),
              ],
            }),
          ],
        })}
      />,
    );
    const related = document.querySelector('#related')!;
    const line = within(related as HTMLElement)
      .getByText(/Also published by/)
      .closest('p')!;
    expect(line.textContent).toBe('Also published by Outlet C, Outlet D');
    expect(
      within(line)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['https://c.example/port']);
  });

  it('shows no copies line when there are none', () => {
    render(<ContextView view={readyView({})} />);
    expect(screen.queryByText(/also published by/i)).toBeNull();
  });
});
