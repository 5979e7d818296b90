import type { StorySummary } from '@/core/model';
import { t } from '@/lib/i18n';
import { formatDate, type Locale, machineDate } from '../ui/format';

interface ArticleHeaderProps {
  story: StorySummary;
  locale?: Locale;
}

/** The article the reader is on: title, publisher, date (the day as the page wrote it). */
export function ArticleHeader({ story, locale }: ArticleHeaderProps) {
  const date = formatDate(story.publishedAt, locale);
  const datetime = machineDate(story.publishedAt);
  return (
    <header class="article-header">
      <p class="eyebrow">{t('contextEyebrow')}</p>
      <h1 class="article-title" lang={story.lang ?? undefined}>
        {story.title || t('contextUntitled')}
      </h1>
      {(story.publisher || date) && (
        <p class="meta">
          {story.publisher && <span class="publisher">{story.publisher}</span>}
          {story.publisher && date && <span aria-hidden="true"> · </span>}
          {date && <time datetime={datetime}>{date}</time>}
        </p>
      )}
    </header>
  );
}
