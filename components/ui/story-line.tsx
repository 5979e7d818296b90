import type { StorySummary } from '@/core/model';
import { ExternalLink } from './external-link';
import { formatDate, type Locale } from './format';

/** One of the reader's stories in a list item: its title as a link, then publisher · date (search, look-ups). */
export function StoryLine({ story, locale }: { story: StorySummary; locale?: Locale }) {
  const date = formatDate(story.publishedAt, locale);
  return (
    <>
      <ExternalLink href={story.url} class="source-title" lang={story.lang ?? undefined}>
        {story.title || story.url}
      </ExternalLink>
      {(story.publisher || date) && (
        <span class="meta"> {[story.publisher, date].filter(Boolean).join(' · ')}</span>
      )}
    </>
  );
}
