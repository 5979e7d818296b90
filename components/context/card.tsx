import type { EncyclopediaCard } from '@/core/model';
import { t } from '@/lib/i18n';
import { ExternalLink } from '../ui/external-link';
import { formatDate, type Locale } from '../ui/format';
import '../lookup/lookup.css';

/**
 * An encyclopedia card beside a who's-who entry (opt-in): Wikipedia's short summary, as text, with a link to
 * the page it came from. A card past its expiry that could not be refreshed says when it was fetched.
 */
export function EntityCard({ card, locale }: { card: EncyclopediaCard; locale?: Locale }) {
  const fetched = formatDate(new Date(card.fetchedTs).toISOString().slice(0, 10), locale);
  return (
    <aside class="entity-card" aria-label={t('cardLabel', card.title)} lang={card.lang}>
      <p class="entity-card-summary">{card.summary}</p>
      <p class="entity-card-source">
        <ExternalLink href={card.url}>{t('cardSource', card.title)}</ExternalLink>
        {card.stale && fetched && <span> · {t('cardStale', fetched)}</span>}
      </p>
    </aside>
  );
}
