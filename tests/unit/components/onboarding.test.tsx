import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Onboarding } from '@/components/onboarding/onboarding';
import { registerOnboarding } from '@/lib/background/onboarding';

describe('onboarding page', () => {
  afterEach(cleanup);

  it('says what Backstory does, what stays on the device, and links to the settings', () => {
    render(<Onboarding optionsUrl="chrome-extension://id/options.html" />);
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome to Backstory' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'What stays on your device' })).toBeTruthy();
    expect(screen.getByText(/nothing is sent anywhere/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Choose feeds and settings' }).getAttribute('href')).toBe(
      'chrome-extension://id/options.html',
    );
  });

  it('lists the keyboard shortcuts the browser has, skipping those without a key', async () => {
    const shortcuts = async () => [
      { name: '_execute_action', description: 'Open Backstory', shortcut: 'Alt+Shift+B' },
      { name: 'lookup-selection', description: 'Look up the selection in Backstory', shortcut: '' },
    ];
    render(<Onboarding optionsUrl="options.html" shortcuts={shortcuts} />);
    await waitFor(() => expect(screen.getByText('Alt+Shift+B')).toBeTruthy());
    expect(screen.queryByText('Look up the selection in Backstory')).toBeNull();
  });

  it('opens once on install, not on update', async () => {
    fakeBrowser.reset();
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    registerOnboarding();
    await fakeBrowser.runtime.onInstalled.trigger({
      reason: 'update',
      previousVersion: '0.0.1',
      temporary: false,
    });
    expect(create).not.toHaveBeenCalled();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/onboarding\.html$/) });
    create.mockRestore();
  });
});
