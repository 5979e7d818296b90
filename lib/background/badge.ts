import { browser } from 'wxt/browser';

/** Sets the toolbar badge of a tab (MV3 `action`, MV2 `browserAction`). A closed tab is not an error. */
export async function setBadge(tabId: number, text: string): Promise<void> {
  const action = browser.action ?? browser.browserAction;
  if (!action) return;
  try {
    await action.setBadgeText({ tabId, text });
    if (text) await action.setBadgeBackgroundColor({ tabId, color: '#3b5bdb' });
  } catch {
    // The tab was closed meanwhile.
  }
}
