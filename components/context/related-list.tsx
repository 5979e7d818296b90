import type { LinkKind, RelatedItem } from '@/core/model';
import { ExternalLink } from '../ui/external-link';
import { daysApartLabel, formatDate, type Locale, machineDate } from '../ui/format';
import { EmptyLine, Section } from './section';

const MAX_REASON_NAMES = 4;

export const KIND_LABELS: Record<LinkKind, string> = {
  event: 'Same event',
  thread: 'Same story',
  related: 'Related',
};

function Reasons({ item }: { item: RelatedItem }) {
  const entities = item.reasons.entities.slice(0, MAX_REASON_NAMES);
  const terms = item.reasons.terms.slice(0, MAX_REASON_NAMES);
  const apart = daysApartLabel(item.reasons.daysApart);
  return (
    <ul class="reasons" aria-label="Why it is linked">
      <li class={`kind kind-${item.kind}`}>{KIND_LABELS[item.kind] ?? 'Related'}</li>
      {entities.length > 0 && <li>Both mention {entities.join(', ')}</li>}
      {terms.length > 0 && <li>Shared terms: {terms.join(', ')}</li>}
      {apart && <li>{apart}</li>}
    </ul>
  );
}

function RelatedStory({ item, locale }: { item: RelatedItem; locale: Locale }) {
  const date = formatDate(item.publishedAt, locale);
  return (
    <article class="related-item">
      <h3 class="related-title" lang={item.lang ?? undefined}>
        <ExternalLink href={item.url}>{item.title || item.url}</ExternalLink>
      </h3>
      {(item.publisher || date) && (
        <p class="meta">
          {item.publisher && <span class="publisher">{item.publisher}</span>}
          {item.publisher && date && <span aria-hidden="true"> · </span>}
          {date && <time datetime={machineDate(item.publishedAt)}>{date}</time>}
        </p>
      )}
      <Reasons item={item} />
    </article>
  );
}

/** Related: other stories the reader has seen, with why each one is linked. */
export function RelatedList({ items, locale }: { items: RelatedItem[]; locale?: Locale }) {
  return (
    <Section id="related" title="Related">
      {items.length === 0 ? (
        <EmptyLine>Nothing related yet: Backstory links stories as you read more news.</EmptyLine>
      ) : (
        <ul class="related">
          {items.map((item) => (
            <li key={item.id}>
              <RelatedStory item={item} locale={locale} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
