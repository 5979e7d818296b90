import { t } from '@/lib/i18n';

/**
 * What goes over the network, feature by feature (the options page's privacy section). Kept in step with
 * PRIVACY.md and the README.
 */
export function NetworkFeatures() {
  return (
    <>
      <h3 id="network-heading">{t('networkHeading')}</h3>
      <p>{t('networkNone')}</p>
      <ul aria-labelledby="network-heading">
        <li>{t('networkFeeds')}</li>
        <li>{t('networkDiscovery')}</li>
        <li>{t('networkBackfill')}</li>
        <li>{t('networkCards')}</li>
        <li>{t('networkLocal')}</li>
      </ul>
    </>
  );
}
