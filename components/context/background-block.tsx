import { dayOf } from '@/core/context/date-label';
import { sentenceUrl } from '@/core/context/text-fragment';
import type { BackgroundBlock as Background, BackgroundEntity, EncyclopediaCard } from '@/core/model';
import { t, tp } from '@/lib/i18n';
import { CollapsibleList } from '../ui/collapsible-list';
import { formatDate, type Locale } from '../ui/format';
import { EntityCard } from './card';
import { SentenceLink, type ShowInPage } from './page-link';
import { EmptyLine, Section } from './section';

const ENTITY_LIMIT = 6;
const PAST_LIMIT = 4;

/** "in 6 of your stories since June 2018", "first time in your stories", or null when unknown. */
export function coverageLabel(entity: BackgroundEntity, locale: Locale = undefined): string | null {
  if (entity.storyCount === undefined) return null;
  if (entity.storyCount <= 1) return t('contextCoverageFirst');
  const day = dayOf(entity.since ?? null);
  const month = day ? formatDate(day.slice(0, 7), locale) : null;
  return month
    ? tp('contextCoverageSince', entity.storyCount, month)
    : tp('contextCoverage', entity.storyCount);
}

function EntityList({
  title,
  showAll,
  showFewer,
  entities,
  locale,
  storyUrl,
  cards,
  onShowInPage,
}: {
  title: string;
  showAll: (count: number) => string;
  showFewer: string;
  entities: BackgroundEntity[];
  locale: Locale;
  storyUrl?: string;
  cards?: Record<string, EncyclopediaCard>;
  onShowInPage?: ShowInPage;
}) {
  if (entities.length === 0) return null;
  return (
    <div class="group">
      <h3>{title}</h3>
      <CollapsibleList
        class="entities"
        items={entities}
        limit={ENTITY_LIMIT}
        showAll={showAll}
        showFewer={showFewer}
        itemKey={(entity) => entity.key}
        render={(entity) => {
          const coverage = coverageLabel(entity, locale);
          return (
            <>
              {storyUrl && onShowInPage ? (
                <SentenceLink
                  href={sentenceUrl(storyUrl, entity.name)}
                  text={entity.name}
                  onShowInPage={onShowInPage}
                  class="entity-name"
                >
                  {entity.name}
                </SentenceLink>
              ) : (
                <span class="entity-name">{entity.name}</span>
              )}
              {entity.role && <span class="entity-role">{entity.role}</span>}
              <span class="entity-count">{tp('contextMentions', entity.count)}</span>
              {coverage && <span class="entity-coverage">{coverage}</span>}
              {cards?.[entity.key] && <EntityCard card={cards[entity.key]!} locale={locale} />}
            </>
          );
        }}
      />
    </div>
  );
}

/** Background: who and what the article is about, then what it says about the past. */
export function BackgroundBlock({
  background,
  storyUrl,
  locale,
  cards,
  onShowInPage,
}: {
  background: Background;
  /** The article's URL: each earlier sentence links to itself in it (text fragment). */
  storyUrl?: string;
  locale?: Locale;
  /** Encyclopedia cards by entity key (opt-in), shown under their who's-who entry. */
  cards?: Record<string, EncyclopediaCard>;
  /** The article is the one open in the tab: its sentences and names are highlighted in the page on click. */
  onShowInPage?: ShowInPage;
}) {
  const shared = { locale, storyUrl, cards, onShowInPage };
  const { people, organizations, places, past } = background;
  const empty = people.length + organizations.length + places.length + past.length === 0;
  return (
    <Section id="background" title={t('contextBackground')}>
      {empty ? (
        <EmptyLine>{t('contextBackgroundEmpty')}</EmptyLine>
      ) : (
        <>
          <EntityList
            title={t('contextPeople')}
            showAll={(n) => tp('contextShowAllPeople', n)}
            showFewer={t('contextShowFewerPeople')}
            entities={people}
            {...shared}
          />
          <EntityList
            title={t('contextOrganizations')}
            showAll={(n) => tp('contextShowAllOrganizations', n)}
            showFewer={t('contextShowFewerOrganizations')}
            entities={organizations}
            {...shared}
          />
          <EntityList
            title={t('contextPlaces')}
            showAll={(n) => tp('contextShowAllPlaces', n)}
            showFewer={t('contextShowFewerPlaces')}
            entities={places}
            {...shared}
          />
          {past.length > 0 && (
            <div class="group">
              <h3>{t('contextEarlier')}</h3>
              <CollapsibleList
                class="past"
                items={past}
                limit={PAST_LIMIT}
                showAll={(n) => tp('contextShowAllSentences', n)}
                showFewer={t('contextShowFewerSentences')}
                itemKey={(sentence) => `${sentence.start}-${sentence.end}`}
                render={(sentence) =>
                  storyUrl ? (
                    <SentenceLink
                      href={sentenceUrl(storyUrl, sentence.text)}
                      text={sentence.text}
                      onShowInPage={onShowInPage}
                      class="sentence-link"
                    >
                      {sentence.text}
                    </SentenceLink>
                  ) : (
                    sentence.text
                  )
                }
              />
            </div>
          )}
        </>
      )}
    </Section>
  );
}
