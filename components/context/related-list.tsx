import type { LinkKind, RelatedItem } from '@/core/model';
import { t } from '@/lib/i18n';
import { CollapsibleList } from '../ui/collapsible-list';
import { ExternalLink } from '../ui/external-link';
import { daysApartLabel, formatDate, type Locale, machineDate } from '../ui/format';
import { Copies } from './copies';
import { EmptyLine, Section } from './section';

const MAX_REASON_NAMES = 4;

/** Why two stories are linked, as the reader reads it. */
export function kindLabel(kind: LinkKind): string {
  switch (kind) {
    case 'event':
      return t('relatedKindEvent');
    case 'thread':
      return t('relatedKindThread');
    default:
      return t('relatedKindRelated');
  }
}

function Reasons({ item }: { item: RelatedItem }) {
  const entities = item.reasons.entities.slice(0, MAX_REASON_NAMES);
  const terms = item.reasons.terms.slice(0, MAX_REASON_NAMES);
  const apart = daysApartLabel(item.reasons.daysApart);
  return (
    <ul class="reasons" aria-label={t('relatedWhy')}>
      <li class={`kind kind-${item.kind}`}>{kindLabel(item.kind)}</li>
      {entities.length > 0 && <li>{t('relatedBothMention', entities.join(', '))}</li>}
      {terms.length > 0 && <li>{t('relatedSharedTerms', terms.join(', '))}</li>}
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
      {item.copies && <Copies copies={item.copies} label={t('relatedCopies')} />}
      <Reasons item={item} />
    </article>
  );
}

/** Related: other stories the reader has seen, with why each one is linked. */
export function RelatedList({ items, locale }: { items: RelatedItem[]; locale?: Locale }) {
  return (
    <Section id="related" title={t('relatedTitle')}>
      {items.length === 0 ? (
        <EmptyLine>{t('relatedEmpty')}</EmptyLine>
      ) : (
        <CollapsibleList
          class="related"
          items={items}
          limit={5}
          step={10}
          itemKey={(item) => item.id}
          showAll={(n) => t('relatedShowAll', n)}
          showFewer={t('relatedShowFewer')}
          render={(item) => <RelatedStory item={item} locale={locale} />}
        />
      )}
    </Section>
  );
}
