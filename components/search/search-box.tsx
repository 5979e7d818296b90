import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { SearchResults } from '@/core/model';
import { t, tp } from '@/lib/i18n';
import { CollapsibleList } from '../ui/collapsible-list';
import { entityTypeLabel, type Locale } from '../ui/format';
import { StoryLine } from '../ui/story-line';

export interface SearchBoxProps {
  search: (query: string) => Promise<SearchResults>;
  /** Debounce in ms before a query is sent (default 200). */
  delay?: number;
  locale?: Locale;
}

type Status = 'idle' | 'loading' | 'done' | 'error';

/**
 * The search box over the reader's stories and the people, organisations and places in them. Results come as
 * the reader types (debounced); a story opens its URL, an entity searches for its stories.
 */
export function SearchBox({ search, delay = 200, locale }: SearchBoxProps) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResults | null>(null);
  const [status, setStatus] = useState<Status>('idle');
  const latest = useRef(0);
  const inputId = useId();
  const resultsId = useId();
  const trimmed = query.trim();

  useEffect(() => {
    const request = ++latest.current;
    if (trimmed.length < 2) {
      setResults(null);
      setStatus('idle');
      return;
    }
    const timer = setTimeout(() => {
      setStatus('loading');
      search(trimmed).then(
        (next) => {
          if (request !== latest.current) return;
          setResults(next);
          setStatus('done');
        },
        () => {
          if (request !== latest.current) return;
          setResults(null);
          setStatus('error');
        },
      );
    }, delay);
    return () => clearTimeout(timer);
  }, [trimmed, search, delay]);

  const total = results ? results.stories.length + results.entities.length : 0;
  const announcement =
    status === 'error'
      ? t('searchFailed')
      : status === 'done' && results
        ? total === 0
          ? t('searchNothing', trimmed)
          : t(
              'searchSummary',
              tp('searchStories', results.stories.length),
              tp('searchNames', results.entities.length),
            )
        : '';

  return (
    <search class="search" aria-label={t('searchLabel')}>
      <label class="search-label" for={inputId}>
        {t('searchInputLabel')}
      </label>
      <input
        id={inputId}
        class="search-input"
        type="search"
        value={query}
        placeholder={t('searchPlaceholder')}
        autocomplete="off"
        spellcheck={false}
        aria-controls={resultsId}
        onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)}
      />
      <div id={resultsId} class="search-results">
        <p class={total === 0 ? 'search-status empty' : 'search-status visually-hidden'} aria-live="polite">
          {announcement}
        </p>
        {results && results.entities.length > 0 && (
          <CollapsibleList
            class="search-entities"
            label={t('searchEntities')}
            items={results.entities}
            limit={5}
            itemKey={(entity) => entity.key}
            showAll={(n) => t('namesShowAll', n)}
            showFewer={t('namesShowFewer')}
            render={(entity) => (
              <>
                <button
                  type="button"
                  class="link-button"
                  onClick={() => setQuery(entity.name)}
                  aria-label={tp(
                    'searchEntityButton',
                    entity.count,
                    entity.name,
                    entityTypeLabel(entity.type),
                  )}
                >
                  {entity.name}
                </button>
                <span class="meta">
                  {' '}
                  {entityTypeLabel(entity.type)} · {tp('searchInStories', entity.count)}
                </span>
              </>
            )}
          />
        )}
        {results && results.stories.length > 0 && (
          <CollapsibleList
            class="search-stories"
            label={t('searchStoriesLabel')}
            items={results.stories}
            limit={8}
            step={16}
            itemKey={(story) => story.id}
            showAll={(n) => t('storiesShowAll', n)}
            showFewer={t('storiesShowFewer')}
            render={(story) => <StoryLine story={story} locale={locale} />}
          />
        )}
      </div>
    </search>
  );
}
