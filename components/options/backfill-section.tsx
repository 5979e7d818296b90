import { useId } from 'preact/hooks';
import type { BackfillSettings } from '@/core/feeds/backfill';
import { t } from '@/lib/i18n';
import { StatusNotice } from '../ui/notice';
import { Switch } from '../ui/switch';
import { useSettingSwitch } from './use-setting-switch';

/** What the section needs from the extension (the real one: lib/feeds/discovery-client.ts). */
export interface BackfillSettingsClient {
  getSettings(): Promise<BackfillSettings>;
  setEnabled(enabled: boolean): Promise<BackfillSettings>;
}

/**
 * More coverage on request (off by default): a switch that offers "Find more coverage" on stories. Turning it on
 * sends nothing and asks for nothing; each click on that button asks the browser for the provider's site and
 * sends one query. The text says exactly what is sent.
 */
export function BackfillSection({ client }: { client: BackfillSettingsClient }) {
  const setting = useSettingSwitch(
    client,
    (c) => c.getSettings(),
    (why) => t('backfillReadFailed', why),
  );
  const settings = setting.value;
  const helpId = useId();

  const on = settings?.enabled === true;
  const host = settings ? new URL(settings.origin.replace(/\/\*$/, '/')).host : 'www.bing.com';

  const onToggle = () =>
    setting.change(
      () => client.setEnabled(!on),
      (value) => (value.enabled ? t('backfillTurnedOn') : t('backfillTurnedOff')),
    );

  return (
    <section class="options-section" aria-labelledby="backfill-heading">
      <h2 id="backfill-heading">{t('backfillHeading')}</h2>
      <p id={helpId}>{t('backfillOptionsHelp', host)}</p>
      {settings?.custom && <p class="meta">{t('backfillCustomProvider', settings.template)}</p>}
      <Switch on={on} disabled={settings === null || setting.busy} describedBy={helpId} onToggle={onToggle}>
        {t('backfillSwitch')}
      </Switch>
      <StatusNotice notice={setting.notice} />
    </section>
  );
}
