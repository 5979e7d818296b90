import type { ComponentChildren } from 'preact';
import { safeHref } from './safe-href';

interface ExternalLinkProps {
  href: string | null | undefined;
  children: ComponentChildren;
  class?: string;
  lang?: string;
}

/**
 * A link that opens in a new tab, only when the URL is http(s). Anything else (javascript:, data:, a
 * relative path) renders as plain text, so page data can never become a script link.
 */
export function ExternalLink({ href, children, class: className, lang }: ExternalLinkProps) {
  const safe = safeHref(href);
  if (!safe) {
    return (
      <span class={className} lang={lang}>
        {children}
      </span>
    );
  }
  return (
    <a class={className} href={safe} target="_blank" rel="noopener noreferrer" lang={lang}>
      {children}
    </a>
  );
}
