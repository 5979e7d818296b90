import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { BackfillSection } from '@/components/options/backfill-section';
import { BadgesSection } from '@/components/options/badges-section';
import type { BackfillSettings } from '@/core/feeds/backfill';

afterEach(cleanup);

const settings = (enabled: boolean): BackfillSettings => ({
  enabled,
  template: 'https://www.bing.com/news/search?q={query}&format=rss',
  origin: 'https://www.bing.com/*',
  custom: false,
});

/** A promise with its settle functions, to look at the switch while a change is under way. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const switchOf = async (name: RegExp) => (await screen.findByRole('switch', { name })) as HTMLInputElement;

describe('an options switch (useSettingSwitch)', () => {
  it('is disabled until the setting is read, and while a change is under way', async () => {
    const read = deferred<BackfillSettings>();
    const change = deferred<BackfillSettings>();
    render(
      <BackfillSection client={{ getSettings: () => read.promise, setEnabled: () => change.promise }} />,
    );
    const toggle = await switchOf(/Find more coverage/);
    expect(toggle.disabled).toBe(true);

    read.resolve(settings(false));
    await waitFor(() => expect(toggle.disabled).toBe(false));
    expect(toggle.checked).toBe(false);

    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.disabled).toBe(true));
    change.resolve(settings(true));
    await screen.findByText(/More coverage is on/);
    expect(toggle.disabled).toBe(false);
    expect(toggle.checked).toBe(true);
  });

  it('says why a change failed, as text, and keeps the setting as it was', async () => {
    render(
      <BackfillSection
        client={{
          getSettings: async () => settings(false),
          setEnabled: async () => {
            throw new Error('<b>storage</b> is full');
          },
        }}
      />,
    );
    const toggle = await switchOf(/Find more coverage/);
    await waitFor(() => expect(toggle.disabled).toBe(false));
    fireEvent.click(toggle);
    const notice = await screen.findByText('<b>storage</b> is full');
    expect(notice.className).toMatch(/notice-error/);
    expect(notice.querySelector('b')).toBeNull();
    expect(toggle.checked).toBe(false);
    expect(toggle.disabled).toBe(false);
  });

  it.each([
    [
      'a setting with no fallback stays unread: the switch stays disabled',
      () => (
        <BackfillSection
          client={{
            getSettings: () => Promise.reject(new Error('no storage')),
            setEnabled: async () => settings(true),
          }}
        />
      ),
      /Find more coverage/,
      true,
    ],
    [
      'a setting with a fallback (badges: off) can still be turned on',
      () => (
        <BadgesSection
          client={{ enabled: () => Promise.reject(new Error('no storage')), setEnabled: async (on) => on }}
        />
      ),
      /Show badges beside headlines/,
      false,
    ],
  ])('when the setting cannot be read, says so: %s', async (_name, view, name, disabled) => {
    render(view());
    expect(await screen.findByText('Could not read the setting: no storage')).toBeTruthy();
    const toggle = await switchOf(name);
    expect(toggle.disabled).toBe(disabled);
    expect(toggle.checked).toBe(false);
  });
});
