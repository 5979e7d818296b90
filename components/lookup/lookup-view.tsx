import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LookupEntity, LookupResult } from '@/core/model';
import { t, tp } from '@/lib/i18n';
import { EntityCard } from '../context/card';
import { EmptyLine, Section } from '../context/section';
import { TimelineList } from '../context/timeline-list';
import { CollapsibleList } from '../ui/collapsible-list';
import { entityTypeLabel, type Locale } from '../ui/format';
import { messageOf } from '../ui/notice';
import { StoryLine } from '../ui/story-line';
import './lookup.css';

function EntityItem({ entity, locale }: { entity: LookupEntity; locale: Locale }) {
  return (
    <li>
      <div class="lookup-entity-head">
        <span class="entity-name">{entity.name}</span>
        <span class="entity-role">{[entityTypeLabel(entity.type), ...entity.roles].join(' · ')}</span>
        <span class="entity-count">{tp('searchInStories', entity.count)}</span>
      </div>
      {entity.aliases.length > 0 && (
        <p class="lookup-aliases">{t('lookupAliases', entity.aliases.join(', '))}</p>
      )}
      {entity.card && <EntityCard card={entity.card} locale={locale} />}
    </li>
  );
}

export interface LookupViewProps {
  query: string;
  /** Null while loading or after an error. */
  result: LookupResult | null;
  status: 'loading' | 'done' | 'error';
  error?: string;
  /** "Back to the article" (the side panel returns to the tab's context). */
  onClose?: () => void;
  onRetry?: () => void;
  locale?: Locale;
}

/** What the reader's stories know about a selected name or phrase: who or what it is, stories, timeline. */
export function LookupView({ query, result, status, error, onClose, onRetry, locale }: LookupViewProps) {
  const empty = result !== null && result.entities.length === 0 && result.stories.length === 0;
  let state: ComponentChildren = null;
  if (query.trim() === '') {
    state = (
      <div class="state state-info">
        <h2 class="state-title">{t('lookupNothingSelected')}</h2>
        <p>{t('lookupHow')}</p>
      </div>
    );
  } else if (status === 'loading') {
    state = (
      <div class="state state-info">
        <span class="spinner" aria-hidden="true" />
        <h2 class="state-title">{t('lookupLoading')}</h2>
      </div>
    );
  } else if (status === 'error') {
    state = (
      <div class="state state-error">
        <h2 class="state-title">{t('lookupFailedTitle')}</h2>
        <p class="error-message">{error || t('lookupFailedText')}</p>
        {onRetry && (
          <button type="button" class="button" onClick={onRetry}>
            {t('commonTryAgain')}
          </button>
        )}
      </div>
    );
  } else if (empty) {
    state = (
      <div class="state state-info">
        <h2 class="state-title">{t('lookupEmptyTitle', query)}</h2>
        <p>
          {t('lookupEmptyText')} {t('lookupHow')}
        </p>
      </div>
    );
  }
  const summary =
    result && !empty
      ? t(
          'lookupSummary',
          tp('searchNames', result.entities.length),
          tp('searchStories', result.stories.length),
          tp('contextTimelineEntries', result.timeline.length),
        )
      : '';
  return (
    <main class="context-view lookup-view" aria-busy={status === 'loading'}>
      <header class="article-header">
        <p class="eyebrow">{t('lookupEyebrow')}</p>
        <h1 class="article-title lookup-query">
          {query.trim() ? t('lookupQuoted', query) : t('lookupTitle')}
        </h1>
        {onClose && (
          <button type="button" class="link-button" onClick={onClose}>
            {t('lookupBack')}
          </button>
        )}
      </header>
      <div class="state-region" aria-live="polite" aria-atomic="true">
        {state ?? <p class="visually-hidden">{summary}</p>}
      </div>
      {result && !empty && status === 'done' && (
        <div class="context">
          <Section id="lookup-who" title={t('lookupWho')}>
            {result.entities.length === 0 ? (
              <EmptyLine>{t('lookupNoEntity')}</EmptyLine>
            ) : (
              <ul class="lookup-entities">
                {result.entities.map((entity) => (
                  <EntityItem key={entity.key} entity={entity} locale={locale} />
                ))}
              </ul>
            )}
          </Section>
          <Section id="lookup-stories" title={t('lookupStories')}>
            <CollapsibleList
              ordered
              class="lookup-stories"
              items={result.stories}
              limit={8}
              step={16}
              itemKey={(story) => story.id}
              showAll={(n) => t('storiesShowAll', n)}
              showFewer={t('storiesShowFewer')}
              render={(story) => <StoryLine story={story} locale={locale} />}
            />
          </Section>
          <TimelineList entries={result.timeline} currentStoryId={-1} locale={locale} />
        </div>
      )}
    </main>
  );
}

/** Runs a look-up for `query` and shows it; a new query replaces the old answer (the newest wins). */
export function LookupPanel({
  query,
  lookup,
  onClose,
  locale,
}: {
  query: string;
  lookup: (query: string) => Promise<LookupResult>;
  onClose?: () => void;
  locale?: Locale;
}) {
  const [result, setResult] = useState<LookupResult | null>(null);
  const [status, setStatus] = useState<'loading' | 'done' | 'error'>('loading');
  const [error, setError] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    setResult(null);
    if (query.trim() === '') {
      setStatus('done');
      return;
    }
    setStatus('loading');
    lookup(query).then(
      (next) => {
        if (request !== latest.current) return;
        setResult(next);
        setStatus('done');
      },
      (e: unknown) => {
        if (request !== latest.current) return;
        setError(messageOf(e));
        setStatus('error');
      },
    );
  }, [query, lookup, attempt]);

  return (
    <LookupView
      query={query}
      result={result}
      status={status}
      error={error}
      onClose={onClose}
      onRetry={() => setAttempt((n) => n + 1)}
      locale={locale}
    />
  );
}
