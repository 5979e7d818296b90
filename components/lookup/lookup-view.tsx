import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EntityType, LookupEntity, LookupResult } from '@/core/model';
import { EntityCard } from '../context/card';
import { EmptyLine, Section } from '../context/section';
import { TimelineList } from '../context/timeline-list';
import { StoryLine } from '../ui/story-line';
import { type Locale, plural } from '../ui/format';
import './lookup.css';

const TYPE_LABELS: Record<EntityType, string> = {
  person: 'Person',
  organization: 'Organisation',
  place: 'Place',
};

/** How a look-up is started, for the empty states' next step. */
export const LOOKUP_HOW =
  'Select a name, place or phrase on a page, then choose “Look up in Backstory” from the right-click menu, or press Alt+Shift+L.';

function EntityItem({ entity, locale }: { entity: LookupEntity; locale: Locale }) {
  return (
    <li>
      <div class="lookup-entity-head">
        <span class="entity-name">{entity.name}</span>
        <span class="entity-role">{[TYPE_LABELS[entity.type], ...entity.roles].join(' · ')}</span>
        <span class="entity-count">in {plural(entity.count, 'story', 'stories')}</span>
      </div>
      {entity.aliases.length > 0 && <p class="lookup-aliases">Also written: {entity.aliases.join(', ')}</p>}
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
        <h2 class="state-title">Nothing selected</h2>
        <p>{LOOKUP_HOW}</p>
      </div>
    );
  } else if (status === 'loading') {
    state = (
      <div class="state state-info">
        <span class="spinner" aria-hidden="true" />
        <h2 class="state-title">Looking it up in your stories…</h2>
      </div>
    );
  } else if (status === 'error') {
    state = (
      <div class="state state-error">
        <h2 class="state-title">The look-up failed</h2>
        <p class="error-message">{error || 'Backstory could not look this up.'}</p>
        {onRetry && (
          <button type="button" class="button" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    );
  } else if (empty) {
    state = (
      <div class="state state-info">
        <h2 class="state-title">Nothing in your stories about “{query}”</h2>
        <p>
          Backstory only knows the articles you have read on this device. Try a shorter part of the name (a
          surname, a place), or read an article about it first. {LOOKUP_HOW}
        </p>
      </div>
    );
  }
  const summary =
    result && !empty
      ? `${plural(result.entities.length, 'name', 'names')}, ${plural(result.stories.length, 'story', 'stories')}, ${plural(result.timeline.length, 'timeline entry', 'timeline entries')}.`
      : '';
  return (
    <main class="context-view lookup-view" aria-busy={status === 'loading'}>
      <header class="article-header">
        <p class="eyebrow">Look-up in your stories</p>
        <h1 class="article-title lookup-query">{query.trim() ? `“${query}”` : 'Look-up'}</h1>
        {onClose && (
          <button type="button" class="link-button" onClick={onClose}>
            Back to the article
          </button>
        )}
      </header>
      <div class="state-region" aria-live="polite" aria-atomic="true">
        {state ?? <p class="visually-hidden">{summary}</p>}
      </div>
      {result && !empty && status === 'done' && (
        <div class="context">
          <Section id="lookup-who" title="Who and what">
            {result.entities.length === 0 ? (
              <EmptyLine>
                No person, organisation or place by that name: the stories below mention it.
              </EmptyLine>
            ) : (
              <ul class="lookup-entities">
                {result.entities.map((entity) => (
                  <EntityItem key={entity.key} entity={entity} locale={locale} />
                ))}
              </ul>
            )}
          </Section>
          <Section id="lookup-stories" title="Your stories">
            <ol class="lookup-stories">
              {result.stories.map((story) => (
                <StoryLine key={story.id} story={story} locale={locale} />
              ))}
            </ol>
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
        setError(e instanceof Error ? e.message : String(e));
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
