import type { StorySummary } from '@/core/model';
import { siteOf } from '@/core/site';
import { ExternalLink } from '../ui/external-link';

/**
 * Outlets that published the same wire text (core/context/wire-copies.ts): "Also published by A, B", each outlet a
 * link to its copy. `label` is the lead-in, in the reader's language.
 */
export function Copies({ copies, label }: { copies: readonly StorySummary[]; label: string }) {
  if (!copies.length) return null;
  return (
    <p class="copies meta">
      {label}{' '}
      {copies.map((copy, i) => (
        <span key={copy.id}>
          {i > 0 && ', '}
          <ExternalLink href={copy.url}>{copy.publisher || siteOf(copy.url) || copy.url}</ExternalLink>
        </span>
      ))}
    </p>
  );
}
