import { useId } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { StatusNotice } from '../ui/notice';
import { Switch } from '../ui/switch';
import { useSettingSwitch } from './use-setting-switch';

/** What the section needs from the extension (the real one: lib/badges/setting.ts over storage.local). */
export interface BadgesClient {
  enabled(): Promise<boolean>;
  setEnabled(enabled: boolean): Promise<boolean>;
}

/**
 * In-page badges (opt-in, off by default): on front pages and article lists, a small badge beside a headline
 * whose story the reader's stories know. Needs no permission and sends nothing anywhere.
 */
export function BadgesSection({ client }: { client: BadgesClient }) {
  const setting = useSettingSwitch(
    client,
    (c) => c.enabled(),
    (why) => t('badgesReadFailed', why),
    false,
  );
  const on = setting.value;
  const helpId = useId();

  const onToggle = () =>
    setting.change(
      () => client.setEnabled(!on),
      (value) => (value ? t('badgesTurnedOn') : t('badgesTurnedOff')),
    );

  return (
    <section class="options-section" aria-labelledby="badges-heading">
      <h2 id="badges-heading">{t('badgesHeading')}</h2>
      <p id={helpId}>{t('badgesHelp')}</p>
      <Switch
        on={on === true}
        disabled={on === null || setting.busy}
        describedBy={helpId}
        onToggle={onToggle}
      >
        {t('badgesSwitch')}
      </Switch>
      <StatusNotice notice={setting.notice} />
    </section>
  );
}
