import { render } from 'preact';
import '@/components/ui/theme.css';
import { applyLocale, t } from '@/lib/i18n';
import { App } from './app';

// lang and dir from the locale in use (right-to-left locales get dir=rtl), and the title in it.
applyLocale(document);
document.title = t('optionsTitle');
const root = document.getElementById('app');
if (root) render(<App />, root);
