import { useEffect, useId, useState } from 'preact/hooks';
import type { RetentionPolicy, RetentionSettings } from '@/lib/feeds/retention';
import { t, tp } from '@/lib/i18n';
import { formatNumber } from '../ui/format';
import { messageOf, type Notice, StatusNotice } from '../ui/notice';

/** What the section needs from the extension (the real one: the `getRetention` / `setRetention` messages). */
export interface RetentionClient {
  get(): Promise<RetentionSettings>;
  set(policy: RetentionPolicy): Promise<RetentionSettings>;
}

type Field = keyof RetentionPolicy;

/** The typed text as a policy field, or the reason it is not one (the same words as the background's check). */
function parseField(text: string, field: Field, limits: RetentionSettings['limits']): number | string {
  const { min, max } = limits[field];
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  return field === 'stubMaxAgeDays'
    ? t('retentionBadDays', formatNumber(min), formatNumber(max))
    : t('retentionBadStories', formatNumber(min), formatNumber(max));
}

/**
 * Retention: how long headlines and feed items never opened are kept, and how many stories at most. Both are
 * checked here (whole numbers within the limits the background sends) and again by the background; a refused
 * value is never stored. `stories`: how many stories are stored now (from the data section's counts), if known.
 */
export function RetentionSection({ client, stories }: { client: RetentionClient; stories?: number | null }) {
  const [settings, setSettings] = useState<RetentionSettings | null>(null);
  const [text, setText] = useState<Record<Field, string>>({ stubMaxAgeDays: '', maxStories: '' });
  const [invalid, setInvalid] = useState<Field[]>([]);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const id = useId();
  const ids = {
    days: `${id}-days`,
    daysUnit: `${id}-days-unit`,
    stories: `${id}-stories`,
    storiesUnit: `${id}-stories-unit`,
    help: `${id}-help`,
    defaults: `${id}-defaults`,
  };

  const show = (value: RetentionSettings) => {
    setSettings(value);
    setText({
      stubMaxAgeDays: String(value.policy.stubMaxAgeDays),
      maxStories: String(value.policy.maxStories),
    });
    setInvalid([]);
  };

  useEffect(() => {
    client
      .get()
      .then(show, (error: unknown) =>
        setNotice({ tone: 'error', text: t('retentionReadFailed', messageOf(error)) }),
      );
  }, [client]);

  const save = (policy: RetentionPolicy, restored: boolean) => {
    setBusy(true);
    setNotice(null);
    client.set(policy).then(
      (value) => {
        show(value);
        setBusy(false);
        const { stubMaxAgeDays, maxStories } = value.policy;
        const said = restored
          ? tp('retentionRestored', stubMaxAgeDays, formatNumber(maxStories))
          : tp('retentionSaved', stubMaxAgeDays, formatNumber(maxStories));
        setNotice({ tone: 'ok', text: said });
      },
      (error: unknown) => {
        setBusy(false);
        setNotice({ tone: 'error', text: t('retentionNotSaved', messageOf(error)) });
      },
    );
  };

  const onSave = (event: Event) => {
    event.preventDefault();
    if (!settings) return;
    const days = parseField(text.stubMaxAgeDays, 'stubMaxAgeDays', settings.limits);
    const cap = parseField(text.maxStories, 'maxStories', settings.limits);
    const wrong = (
      [
        ['stubMaxAgeDays', days],
        ['maxStories', cap],
      ] as const
    ).filter(([, value]) => typeof value === 'string');
    setInvalid(wrong.map(([name]) => name));
    if (typeof days === 'string' || typeof cap === 'string') {
      setNotice({ tone: 'error', text: t('retentionNotSaved', wrong.map(([, why]) => why).join(' ')) });
      return;
    }
    save({ stubMaxAgeDays: days, maxStories: cap }, false);
  };

  const disabled = settings === null || busy;
  const field = (name: Field, inputId: string, unitId: string, label: string, unit: string) => {
    const limits = settings?.limits[name];
    return (
      <div class="actions">
        <label for={inputId}>{label}</label>
        <input
          id={inputId}
          type="number"
          inputMode="numeric"
          step={1}
          min={limits?.min}
          max={limits?.max}
          value={text[name]}
          onInput={(event) => {
            const value = event.currentTarget.value;
            setText((old) => ({ ...old, [name]: value }));
          }}
          aria-describedby={unitId}
          aria-invalid={invalid.includes(name) || undefined}
          disabled={disabled}
        />
        <span id={unitId}>{unit}</span>
      </div>
    );
  };

  return (
    <section class="options-section" aria-labelledby="retention-heading">
      <h2 id="retention-heading">{t('retentionHeading')}</h2>
      <p id={ids.help}>{t('retentionHelp')}</p>
      {typeof stories === 'number' && <p class="meta">{tp('retentionUsage', stories)}</p>}
      <form onSubmit={onSave} noValidate aria-describedby={ids.help}>
        {field('stubMaxAgeDays', ids.days, ids.daysUnit, t('retentionDaysLabel'), t('retentionDaysUnit'))}
        {field(
          'maxStories',
          ids.stories,
          ids.storiesUnit,
          t('retentionStoriesLabel'),
          t('retentionStoriesUnit'),
        )}
        <div class="actions">
          <button type="submit" class="button" disabled={disabled}>
            {t('retentionSave')}
          </button>
          <button
            type="button"
            class="button button-secondary"
            disabled={disabled}
            aria-describedby={ids.defaults}
            onClick={() => settings && save(settings.defaults, true)}
          >
            {t('retentionRestore')}
          </button>
        </div>
      </form>
      {settings && (
        <p id={ids.defaults} class="meta">
          {tp(
            'retentionDefaults',
            settings.defaults.stubMaxAgeDays,
            formatNumber(settings.defaults.maxStories),
          )}
        </p>
      )}
      <StatusNotice notice={notice} />
    </section>
  );
}
