import { dateTimeFormat } from '@/core/i18n/intl';
import type { SinceLastRead, StoryRevision, StorySummary } from '@/core/model';
import { t, tp } from '@/lib/i18n';
import { CollapsibleList } from '../ui/collapsible-list';
import { ExternalLink } from '../ui/external-link';
import { formatNumber, type Locale, localeOf } from '../ui/format';
import { Section } from './section';

/** A visit time in the reader's locale and time zone: "Nov 25, 2026, 10:40 AM". */
export function formatVisit(ts: number, locale: Locale = undefined, timeZone?: string): string {
  try {
    return dateTimeFormat(localeOf(locale), {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    }).format(ts);
  } catch {
    return new Date(ts).toISOString().slice(0, 16).replace('T', ' ');
  }
}

function StoryLink({ story }: { story: StorySummary }) {
  return (
    <ExternalLink href={story.url} class="source-title" lang={story.lang ?? undefined}>
      {story.title || story.url}
    </ExternalLink>
  );
}

function Change({
  revision,
  locale,
  timeZone,
}: {
  revision: StoryRevision;
  locale: Locale;
  timeZone?: string;
}) {
  const moreAdded = revision.addedCount - revision.added.length;
  const moreRemoved = revision.removedCount - revision.removed.length;
  const nothing = revision.title === undefined && revision.addedCount + revision.removedCount === 0;
  return (
    <li class="revision">
      <p class="meta">
        {revision.addedCount + revision.removedCount > 0
          ? tp(
              'sinceChangedCounts',
              revision.addedCount,
              formatVisit(revision.previousSeenTs, locale, timeZone),
              formatNumber(revision.removedCount, locale),
            )
          : t('sinceChanged', formatVisit(revision.previousSeenTs, locale, timeZone))}
      </p>
      {revision.title !== undefined && (
        <p class="revision-title">
          <span class="diff-mark">{t('sinceNewTitle')}</span> {revision.title}{' '}
          <span class="diff-was">{t('sinceWas', revision.previousTitle)}</span>
        </p>
      )}
      {(revision.added.length > 0 || revision.removed.length > 0) && (
        <ul class="diff" aria-label={t('sinceChangedParagraphs')}>
          {revision.added.map((p, i) => (
            <li key={`a${i}`} class="diff-added">
              <span class="diff-mark">{t('sinceAdded')}</span> {p}
            </li>
          ))}
          {moreAdded > 0 && <li class="diff-added">{tp('sinceMoreAdded', moreAdded)}</li>}
          {revision.removed.map((p, i) => (
            <li key={`r${i}`} class="diff-removed">
              <span class="diff-mark">{t('sinceRemoved')}</span> {p}
            </li>
          ))}
          {moreRemoved > 0 && <li class="diff-removed">{tp('sinceMoreRemoved', moreRemoved)}</li>}
        </ul>
      )}
      {nothing && <p class="meta">{t('sinceOnlyFormatting')}</p>}
    </li>
  );
}

/**
 * Since the reader last read this story: how this article changed, which stories of its thread arrived since
 * their last visit to it, and which they read before. Nothing is shown on a first read of a new story.
 */
export function SinceLastReadBlock({
  since,
  currentStoryId,
  locale,
  timeZone,
}: {
  since: SinceLastRead;
  currentStoryId: number;
  locale?: Locale;
  /** For tests; undefined = the reader's time zone. */
  timeZone?: string;
}) {
  const readBefore = since.readBefore.filter((r) => r.story.id !== currentStoryId);
  const newSince = since.newSince.filter((r) => r.story.id !== currentStoryId);
  const { changes, lastReadTs, lastThreadVisitTs } = since;
  if (
    lastReadTs === null &&
    lastThreadVisitTs === null &&
    !readBefore.length &&
    !newSince.length &&
    !changes.length
  ) {
    return null;
  }
  return (
    <Section id="since" title={t('sinceTitle')}>
      <p class="since-summary">
        {lastReadTs !== null
          ? t('sinceLastRead', formatVisit(lastReadTs, locale, timeZone))
          : lastThreadVisitTs !== null
            ? t('sinceFirstTimeFollowed', formatVisit(lastThreadVisitTs, locale, timeZone))
            : t('sinceFirstTime')}
      </p>
      {lastReadTs !== null && changes.length === 0 && <p class="empty">{t('sinceUnchanged')}</p>}
      {changes.length > 0 && (
        <div class="group">
          <h3>{t('sinceWhatChanged')}</h3>
          <ul class="revisions">
            {changes.map((revision) => (
              <Change key={revision.seenTs} revision={revision} locale={locale} timeZone={timeZone} />
            ))}
          </ul>
        </div>
      )}
      {newSince.length > 0 && (
        <div class="group">
          <h3>{t('sinceNewInStory')}</h3>
          <ul class="since-list">
            {newSince.map(({ story, arrivedTs }) => (
              <li key={story.id}>
                <StoryLink story={story} />
                <span class="meta"> · {t('sinceArrived', formatVisit(arrivedTs, locale, timeZone))}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {readBefore.length > 0 && (
        <div class="group">
          <h3>{t('sinceReadBefore')}</h3>
          <CollapsibleList
            class="since-list"
            items={readBefore}
            limit={3}
            showAll={(n) => tp('sinceShowAllRead', n)}
            showFewer={t('sinceShowFewerRead')}
            itemKey={({ story }) => story.id}
            render={({ story, lastReadTs: ts }) => (
              <>
                <StoryLink story={story} />
                <span class="meta"> · {t('sinceRead', formatVisit(ts, locale, timeZone))}</span>
              </>
            )}
          />
        </div>
      )}
    </Section>
  );
}
