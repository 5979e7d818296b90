import { useEffect, useId, useState } from 'preact/hooks';
import type { CardSettings } from '@/core/model';
import { t, tAround, tp } from '@/lib/i18n';
import '../lookup/lookup.css';
import { Switch } from '../ui/switch';

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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Encyclopedia cards (opt-in, off by default): a switch that asks for access to Wikipedia when turned on and
 * says exactly what is sent. Turning it off forgets the cached cards and gives the access back.
 */
export function CardsSection({ client }: { client: CardsClient }) {
  const [settings, setSettings] = useState<CardSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const helpId = useId();

  useEffect(() => {
    client
      .getSettings()
      .then(setSettings, (error: unknown) =>
        setNotice({ tone: 'error', text: t('cardsReadFailed', messageOf(error)) }),
      );
  }, [client]);

  const on = settings?.enabled === true;
  const [helpBefore, helpAfter] = tAround('cardsHelp');

  const onToggle = () => {
    setNotice(null);
    setBusy(true);
    // The permission prompt must be asked for right here, in the click, before anything is awaited.
    const next = on
      ? (client.removePermission?.() ?? Promise.resolve(true))
          .catch(() => true)
          .then(() => client.setEnabled(false))
      : client.requestPermission().then((granted) => {
          if (!granted) throw new Error(t('cardsNotGranted'));
          return client.setEnabled(true);
        });
    next.then(
      (value) => {
        setSettings(value);
        setNotice({
          tone: 'ok',
          text: value.enabled ? t('cardsTurnedOn') : t('cardsTurnedOff'),
        });
        setBusy(false);
      },
      (error: unknown) => {
        setNotice({ tone: 'error', text: messageOf(error) });
        setBusy(false);
      },
    );
  };

  return (
    <section class="options-section" aria-labelledby="cards-heading">
      <h2 id="cards-heading">{t('cardsHeading')}</h2>
      <p id={helpId}>
        {helpBefore}
        <strong>{t('cardsHelpOnlyName')}</strong>
        {helpAfter}
      </p>
      <Switch on={on} disabled={settings === null || busy} describedBy={helpId} onToggle={onToggle}>
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
      <div role="status" aria-live="polite">
        {notice && <p class={`notice notice-${notice.tone}`}>{notice.text}</p>}
      </div>
    </section>
  );
}
