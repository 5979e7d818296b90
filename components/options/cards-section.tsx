import { useId } from 'preact/hooks';
import type { CardSettings } from '@/core/model';
import { t, tAround, tp } from '@/lib/i18n';
import '../lookup/lookup.css';
import { StatusNotice } from '../ui/notice';
import { Switch } from '../ui/switch';
import { useSettingSwitch } from './use-setting-switch';

/** What the section needs from the extension (the real one: lib/cards/client.ts). */
export interface CardsClient {
  getSettings(): Promise<CardSettings>;
  /**
   * Asks the browser for access to Wikipedia and Wikidata; true when granted. Called synchronously inside the
   * click: browsers only show the prompt in response to a user gesture.
   */
  requestPermission(): Promise<boolean>;
  /** Gives the access back (when cards are turned off). */
  removePermission?(): Promise<boolean>;
  setEnabled(enabled: boolean): Promise<CardSettings>;
}

/**
 * Encyclopedia cards (opt-in, off by default): a switch that asks for access to Wikipedia when turned on and
 * says exactly what is sent. Turning it off forgets the cached cards and gives the access back.
 */
export function CardsSection({ client }: { client: CardsClient }) {
  const setting = useSettingSwitch(
    client,
    (c) => c.getSettings(),
    (why) => t('cardsReadFailed', why),
  );
  const settings = setting.value;
  const helpId = useId();

  const on = settings?.enabled === true;
  const [helpBefore, helpAfter] = tAround('cardsHelp');

  // The permission prompt must be asked for right here, in the click, before anything is awaited: `change` calls
  // its function at once.
  const onToggle = () =>
    setting.change(
      () =>
        on
          ? (client.removePermission?.() ?? Promise.resolve(true))
              .catch(() => true)
              .then(() => client.setEnabled(false))
          : client.requestPermission().then((granted) => {
              if (!granted) throw new Error(t('cardsNotGranted'));
              return client.setEnabled(true);
            }),
      (value) => (value.enabled ? t('cardsTurnedOn') : t('cardsTurnedOff')),
    );

  return (
    <section class="options-section" aria-labelledby="cards-heading">
      <h2 id="cards-heading">{t('cardsHeading')}</h2>
      <p id={helpId}>
        {helpBefore}
        <strong>{t('cardsHelpOnlyName')}</strong>
        {helpAfter}
      </p>
      <Switch on={on} disabled={settings === null || setting.busy} describedBy={helpId} onToggle={onToggle}>
        {t('cardsSwitch')}
      </Switch>
      {settings && (
        <p class="meta">
          {!settings.enabled
            ? t('cardsStateOff')
            : settings.permission
              ? tp('cardsStateOn', settings.cached)
              : t('cardsStateNoAccess')}
        </p>
      )}
      <StatusNotice notice={setting.notice} />
    </section>
  );
}
