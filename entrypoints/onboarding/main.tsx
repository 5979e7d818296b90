import { render } from 'preact';
import '@/components/ui/theme.css';
import { browser } from 'wxt/browser';
import { Onboarding } from '@/components/onboarding/onboarding';
import { applyLocale, t } from '@/lib/i18n';

// lang and dir from the locale in use (right-to-left locales get dir=rtl), and the title in it.
applyLocale(document);
document.title = t('onboardingTitle');
const root = document.getElementById('app');
if (root) {
  render(
    <Onboarding
      optionsUrl={browser.runtime.getURL('/options.html')}
      shortcuts={browser.commands?.getAll ? () => browser.commands.getAll() : undefined}
    />,
    root,
  );
}
