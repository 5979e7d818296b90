/**
 * The in-page badges setting (opt-in, off by default), in storage.local so the content script can read it at a
 * page's idle time without asking the background. The options page writes it; the background checks it again
 * before it answers a page.
 */
import { browser } from 'wxt/browser';
import { BADGES_SETTING_KEY } from './keys';

export async function badgesEnabled(): Promise<boolean> {
  try {
    return (await browser.storage.local.get(BADGES_SETTING_KEY))[BADGES_SETTING_KEY] === true;
  } catch {
    return false;
  }
}

export async function setBadgesEnabled(enabled: boolean): Promise<boolean> {
  if (enabled) await browser.storage.local.set({ [BADGES_SETTING_KEY]: true });
  else await browser.storage.local.remove(BADGES_SETTING_KEY);
  return badgesEnabled();
}
