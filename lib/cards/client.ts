/** The real CardsClient (components/options/cards-section.tsx): the permission prompt and the setting. */
import { browser } from 'wxt/browser';
import type { CardsClient } from '@/components/options/cards-section';
import { sendMessage } from '@/lib/messaging';

/** The origins cards need (the same as lib/cards/cards.ts CARD_ORIGINS; kept here so the page bundle stays small). */
const ORIGINS = ['https://*.wikipedia.org/*', 'https://www.wikidata.org/*'];

export function createCardsClient(): CardsClient {
  return {
    getSettings: () => sendMessage('getCardSettings', {}),
    requestPermission: () => browser.permissions.request({ origins: ORIGINS }),
    removePermission: () => browser.permissions.remove({ origins: ORIGINS }),
    setEnabled: (enabled) => sendMessage('setCardSettings', { enabled }),
  };
}
