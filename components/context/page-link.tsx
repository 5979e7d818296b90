import type { ComponentChildren } from 'preact';
import { t } from '@/lib/i18n';
import { ExternalLink } from '../ui/external-link';
import { safeHref } from '../ui/safe-href';

/** Scrolls to and highlights `text` in the page open in the tab, or opens `href` when it cannot. */
export type ShowInPage = (text: string, href: string) => void;

/**
 * A link to a sentence of the article open in the tab (its text-fragment URL). With `onShowInPage`, a click
 * highlights the sentence in the page itself instead of opening the article again in a new tab.
 */
export function SentenceLink({
  href,
  text,
  onShowInPage,
  class: className,
  children,
}: {
  href: string;
  text: string;
  onShowInPage?: ShowInPage;
  class?: string;
  children: ComponentChildren;
}) {
  const safe = safeHref(href);
  if (!onShowInPage || !safe) {
    return (
      <ExternalLink href={href} class={className}>
        {children}
      </ExternalLink>
    );
  }
  return (
    <a
      class={className}
      href={safe}
      target="_blank"
      rel="noopener noreferrer"
      title={t('contextShowInPage')}
      onClick={(event) => {
        // A plain click shows it in the page; modified clicks keep the browser's own behaviour (new tab…).
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        onShowInPage(text, safe);
      }}
    >
      {children}
    </a>
  );
}
