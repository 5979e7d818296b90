/** Opens the welcome page once, when Backstory is installed (not on updates or browser restarts). */
import { browser } from 'wxt/browser';

export function registerOnboarding(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    browser.tabs.create({ url: browser.runtime.getURL('/onboarding.html') }).catch(() => undefined);
  });
}
