import { render } from 'preact';
import '@/components/ui/theme.css';
import { browser } from 'wxt/browser';
import { Onboarding } from '@/components/onboarding/onboarding';

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
