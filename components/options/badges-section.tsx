import { useEffect, useId, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { Switch } from '../ui/switch';

/** What the section needs from the extension (the real one: lib/badges/setting.ts over storage.local). */
export interface BadgesClient {
  enabled(): Promise<boolean>;
  setEnabled(enabled: boolean): Promise<boolean>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * In-page badges (opt-in, off by default): on front pages and article lists, a small badge beside a headline
 * whose story the reader's stories know. Needs no permission and sends nothing anywhere.
 */
export function BadgesSection({ client }: { client: BadgesClient }) {
  const [on, setOn] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const helpId = useId();

  useEffect(() => {
    client.enabled().then(setOn, (error: unknown) => {
      setOn(false);
      setNotice({ tone: 'error', text: t('badgesReadFailed', messageOf(error)) });
    });
  }, [client]);

  const onToggle = () => {
    setNotice(null);
    setBusy(true);
    client.setEnabled(!on).then(
      (value) => {
        setOn(value);
        setNotice({ tone: 'ok', text: value ? t('badgesTurnedOn') : t('badgesTurnedOff') });
        setBusy(false);
      },
      (error: unknown) => {
        setNotice({ tone: 'error', text: messageOf(error) });
        setBusy(false);
      },
    );
  };

  return (
    <section class="options-section" aria-labelledby="badges-heading">
      <h2 id="badges-heading">{t('badgesHeading')}</h2>
      <p id={helpId}>{t('badgesHelp')}</p>
      <Switch on={on === true} disabled={on === null || busy} describedBy={helpId} onToggle={onToggle}>
        {t('badgesSwitch')}
      </Switch>
      <div role="status" aria-live="polite">
        {notice && <p class={`notice notice-${notice.tone}`}>{notice.text}</p>}
      </div>
    </section>
  );
}
