import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { EntityType, SearchResults } from '@/core/model';
import { StoryLine } from '../ui/story-line';
import { type Locale, plural } from '../ui/format';

const TYPE_LABELS: Record<EntityType, string> = {
  person: 'Person',
  organization: 'Organisation',
  place: 'Place',
};

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
      ? 'Search failed.'
      : status === 'done' && results
        ? total === 0
          ? `Nothing in your stories matches “${trimmed}”.`
          : `${plural(results.stories.length, 'story', 'stories')}, ${plural(results.entities.length, 'name', 'names')}.`
        : '';

  return (
    <search class="search" aria-label="Your stories">
      <label class="search-label" for={inputId}>
        Search your stories
      </label>
      <input
        id={inputId}
        class="search-input"
        type="search"
        value={query}
        placeholder="Title words, people, places…"
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
          <ul class="search-entities" aria-label="People, organisations and places">
            {results.entities.map((entity) => (
              <li key={entity.key}>
                <button
                  type="button"
                  class="link-button"
                  onClick={() => setQuery(entity.name)}
                  aria-label={`${entity.name}, ${TYPE_LABELS[entity.type]}, in ${plural(entity.count, 'story', 'stories')}: show its stories`}
                >
                  {entity.name}
                </button>
                <span class="meta">
                  {' '}
                  {TYPE_LABELS[entity.type]} · in {plural(entity.count, 'story', 'stories')}
                </span>
              </li>
            ))}
          </ul>
        )}
        {results && results.stories.length > 0 && (
          <ul class="search-stories" aria-label="Stories">
            {results.stories.map((story) => (
              <StoryLine key={story.id} story={story} locale={locale} />
            ))}
          </ul>
        )}
      </div>
    </search>
  );
}
