import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

export interface Shortcut {
  name?: string;
  description?: string;
  shortcut?: string;
}

export interface OnboardingProps {
  /** The options page, where feeds, encyclopedia cards and the reader's data are managed. */
  optionsUrl: string;
  /** The extension's keyboard shortcuts as the browser has them (the reader may have changed them). */
  shortcuts?: () => Promise<Shortcut[]>;
}

/** Shown once, when Backstory is installed: what it does, what stays on the device, and how to start. */
export function Onboarding({ optionsUrl, shortcuts }: OnboardingProps) {
  const [keys, setKeys] = useState<Shortcut[]>([]);
  useEffect(() => {
    shortcuts?.()
      .then((all) => setKeys(all.filter((s) => s.shortcut)))
      .catch(() => setKeys([]));
  }, [shortcuts]);

  return (
    <main class="onboarding">
      <h1>{t('onboardingTitle')}</h1>
      <p>{t('onboardingIntro')}</p>

      <section class="options-section" aria-labelledby="how-heading">
        <h2 id="how-heading">{t('onboardingHowHeading')}</h2>
        <ol>
          <li>{t('onboardingHowRead')}</li>
          <li>{t('onboardingHowButton')}</li>
          <li>{t('onboardingHowMore')}</li>
        </ol>
        {keys.length > 0 && (
          <>
            <h3>{t('onboardingShortcuts')}</h3>
            <dl class="stats">
              {keys.map((k) => (
                <Fragment key={k.name}>
                  <dt>{k.description || k.name}</dt>
                  <dd>
                    <kbd>{k.shortcut}</kbd>
                  </dd>
                </Fragment>
              ))}
            </dl>
          </>
        )}
      </section>

      <section class="options-section" aria-labelledby="private-heading">
        <h2 id="private-heading">{t('onboardingPrivateHeading')}</h2>
        <p>{t('onboardingPrivateText')}</p>
        <p>{t('onboardingNetworkText')}</p>
      </section>

      <section class="options-section" aria-labelledby="start-heading">
        <h2 id="start-heading">{t('onboardingStartHeading')}</h2>
        <div class="actions">
          <a class="button" href={optionsUrl}>
            {t('onboardingChooseSettings')}
          </a>
        </div>
        <p>{t('onboardingStartText')}</p>
      </section>
    </main>
  );
}
