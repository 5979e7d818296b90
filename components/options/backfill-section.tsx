import { useEffect, useId, useState } from 'preact/hooks';
import type { BackfillSettings } from '@/core/feeds/backfill';
import { t } from '@/lib/i18n';
import { Switch } from '../ui/switch';

/** What the section needs from the extension (the real one: lib/feeds/discovery-client.ts). */
export interface BackfillSettingsClient {
  getSettings(): Promise<BackfillSettings>;
  setEnabled(enabled: boolean): Promise<BackfillSettings>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * More coverage on request (off by default): a switch that offers "Find more coverage" on stories. Turning it on
 * sends nothing and asks for nothing; each click on that button asks the browser for the provider's site and
 * sends one query. The text says exactly what is sent.
 */
export function BackfillSection({ client }: { client: BackfillSettingsClient }) {
  const [settings, setSettings] = useState<BackfillSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const helpId = useId();

  useEffect(() => {
    client
      .getSettings()
      .then(setSettings, (error: unknown) =>
        setNotice({ tone: 'error', text: t('backfillReadFailed', messageOf(error)) }),
      );
  }, [client]);

  const on = settings?.enabled === true;
  const host = settings ? new URL(settings.origin.replace(/\/\*$/, '/')).host : 'www.bing.com';

  const onToggle = () => {
    setBusy(true);
    setNotice(null);
    client.setEnabled(!on).then(
      (value) => {
        setSettings(value);
        setBusy(false);
        setNotice({ tone: 'ok', text: value.enabled ? t('backfillTurnedOn') : t('backfillTurnedOff') });
      },
      (error: unknown) => {
        setBusy(false);
        setNotice({ tone: 'error', text: messageOf(error) });
      },
    );
  };

  return (
    <section class="options-section" aria-labelledby="backfill-heading">
      <h2 id="backfill-heading">{t('backfillHeading')}</h2>
      <p id={helpId}>{t('backfillOptionsHelp', host)}</p>
      {settings?.custom && <p class="meta">{t('backfillCustomProvider', settings.template)}</p>}
      <Switch on={on} disabled={settings === null || busy} describedBy={helpId} onToggle={onToggle}>
        {t('backfillSwitch')}
      </Switch>
      <div role="status" aria-live="polite">
        {notice && <p class={`notice notice-${notice.tone}`}>{notice.text}</p>}
      </div>
    </section>
  );
}
