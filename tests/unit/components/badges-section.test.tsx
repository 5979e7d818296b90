import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BadgesSection } from '@/components/options/badges-section';
import { BADGES_SETTING_KEY } from '@/lib/badges/keys';
import { badgesEnabled, setBadgesEnabled } from '@/lib/badges/setting';

afterEach(cleanup);
beforeEach(() => fakeBrowser.reset());

const client = { enabled: badgesEnabled, setEnabled: setBadgesEnabled };

describe('the in-page badges switch', () => {
  it('is off by default and turns badges on and off in storage.local', async () => {
    render(<BadgesSection client={client} />);
    const toggle = await screen.findByRole('switch', { name: /Show badges beside headlines/ });
    await waitFor(() => expect((toggle as HTMLInputElement).disabled).toBe(false));
    expect((toggle as HTMLInputElement).checked).toBe(false);
    expect(await fakeBrowser.storage.local.get(BADGES_SETTING_KEY)).toEqual({});

    fireEvent.click(toggle);
    await screen.findByText(/Badges are on/);
    expect(await fakeBrowser.storage.local.get(BADGES_SETTING_KEY)).toEqual({ [BADGES_SETTING_KEY]: true });
    expect((toggle as HTMLInputElement).checked).toBe(true);

    fireEvent.click(toggle);
    await screen.findByText(/Badges are off/);
    // Off leaves nothing behind: the content script then reads an absent key.
    expect(await fakeBrowser.storage.local.get(BADGES_SETTING_KEY)).toEqual({});
  });

  it('says that nothing is sent and paused sites get none', async () => {
    render(<BadgesSection client={client} />);
    const help = await screen.findByText(/Off by default/);
    expect(help.textContent).toMatch(/nothing is sent anywhere/);
    expect(help.textContent).toMatch(/never on sites you paused/);
  });
});
