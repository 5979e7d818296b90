import { useId, useState } from 'preact/hooks';
import { compareDates, precisionOf, startTs } from '@/core/context/date-label';
import type { TimelineEntry, TimelineSource } from '@/core/model';
import { t, tp } from '@/lib/i18n';
import { usePaging } from '../ui/collapsible-list';
import { ExternalLink } from '../ui/external-link';
import { type Locale, machineDate, timexLabel, timexRangeLabel } from '../ui/format';
import { SentenceLink, type ShowInPage } from './page-link';
import { EmptyLine, Section } from './section';

/** Oldest first; a year ("2018") sorts before its season and months ("2018-SP", "2018-06"). Stable for equal dates. */
export function sortTimeline(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => {
      if (a.entry.date !== b.entry.date) return compareDates(a.entry.date, b.entry.date);
      const aEnd = a.entry.dateEnd ?? '';
      const bEnd = b.entry.dateEnd ?? '';
      if (aEnd !== bEnd) return aEnd < bEnd ? -1 : 1;
      return a.index - b.index;
    })
    .map(({ entry }) => entry);
}

export interface TimelineMonth {
  /** "YYYY-MM", or null for entries coarser than a month (a year, a season, a range of years). */
  month: string | null;
  /** "June 2025"; null with `month`. */
  label: string | null;
  entries: TimelineEntry[];
}

export interface TimelineYear {
  /** "2018", "201X" (a decade), or "" when undated. */
  year: string;
  /** "2018", "2010s", "Undated". */
  label: string;
  months: TimelineMonth[];
}

function monthOf(date: string): string | null {
  const precision = precisionOf(date);
  if (precision !== 'day' && precision !== 'month' && precision !== 'week') return null;
  const ts = startTs(date);
  if (Number.isNaN(ts)) return null;
  const d = new Date(ts);
  // A week belongs to the month of its Thursday, like its ISO year.
  const day = precision === 'week' ? new Date(ts + 3 * 86_400_000) : d;
  return `${day.getUTCFullYear()}-${String(day.getUTCMonth() + 1).padStart(2, '0')}`;
}

function yearOf(date: string): string {
  const month = monthOf(date);
  if (month) return month.slice(0, 4);
  const m = /^(\d{3}[\dX])/.exec(date);
  return m ? m[1]! : '';
}

/**
 * The sorted timeline in runs: by year, then by month within a year. Entries coarser than a month (the year
 * itself, a season, "2018–2019") form runs without a month heading, in their chronological place.
 */
export function groupTimeline(entries: readonly TimelineEntry[], locale: Locale = undefined): TimelineYear[] {
  const years: TimelineYear[] = [];
  for (const entry of sortTimeline(entries)) {
    const year = yearOf(entry.date);
    let group = years[years.length - 1];
    if (!group || group.year !== year) {
      const label =
        year === '' ? t('timelineUndated') : year.endsWith('X') ? (timexLabel(year, locale) ?? year) : year;
      group = { year, label, months: [] };
      years.push(group);
    }
    const month = monthOf(entry.date);
    let run = group.months[group.months.length - 1];
    if (!run || run.month !== month) {
      run = { month, label: month ? timexLabel(month, locale) : null, entries: [] };
      group.months.push(run);
    }
    run.entries.push(entry);
  }
  return years;
}

function Source({
  source,
  currentStoryId,
  text,
  onShowInPage,
}: {
  source: TimelineSource;
  currentStoryId: number;
  /** The entry's sentence: a source in the current article highlights it in the page. */
  text?: string;
  onShowInPage?: ShowInPage;
}) {
  const inPage = source.storyId === currentStoryId && source.link && text ? onShowInPage : undefined;
  return (
    <>
      {inPage ? (
        <SentenceLink href={source.link!} text={text!} onShowInPage={inPage} class="source-title">
          {source.title || source.url}
        </SentenceLink>
      ) : (
        <ExternalLink href={source.link ?? source.url} class="source-title">
          {source.title || source.url}
        </ExternalLink>
      )}
      {source.publisher && <span class="publisher">{source.publisher}</span>}
      {source.storyId === currentStoryId && <span class="tag">{t('timelineThisArticle')}</span>}
    </>
  );
}

function Sources({
  sources,
  currentStoryId,
  text,
  onShowInPage,
}: {
  sources: TimelineSource[];
  currentStoryId: number;
  text?: string;
  onShowInPage?: ShowInPage;
}) {
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  if (sources.length === 0) return null;
  const shown = expanded ? sources : sources.slice(0, 1);
  return (
    <>
      <ul class="sources" id={listId} aria-label={t('timelineSources')}>
        {shown.map((source, index) => (
          <li key={`${source.storyId}-${source.start ?? index}`}>
            <Source source={source} currentStoryId={currentStoryId} text={text} onShowInPage={onShowInPage} />
          </li>
        ))}
      </ul>
      {sources.length > 1 && (
        <button
          type="button"
          class="link-button"
          aria-expanded={expanded}
          aria-controls={listId}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('timelineShowFewerSources') : tp('timelineShowAllSources', sources.length)}
        </button>
      )}
    </>
  );
}

function Entry({
  entry,
  currentStoryId,
  locale,
  onShowInPage,
}: {
  entry: TimelineEntry;
  currentStoryId: number;
  /** The date is labelled here, in the reader's language (the background's label is the fallback). */
  locale: Locale;
  onShowInPage?: ShowInPage;
}) {
  const [only] = entry.sources;
  if (entry.kind === 'story' && only && entry.sources.length === 1 && only.title === entry.text) {
    // A related story on the day it was published: its headline is the entry and the link.
    return (
      <>
        <time class="timeline-date" datetime={machineDate(entry.date)}>
          {timexRangeLabel(entry.date, entry.dateEnd, entry.label, locale)}
        </time>
        <p class="timeline-text">
          <ExternalLink href={only.url} class="source-title">
            {entry.text}
          </ExternalLink>
        </p>
        {only.publisher && <p class="sources publisher">{only.publisher}</p>}
      </>
    );
  }
  return (
    <>
      <time class="timeline-date" datetime={machineDate(entry.date)}>
        {timexRangeLabel(entry.date, entry.dateEnd, entry.label, locale)}
      </time>
      <p class="timeline-text">{entry.text}</p>
      <Sources
        sources={entry.sources}
        currentStoryId={currentStoryId}
        text={entry.kind === 'mention' ? entry.text : undefined}
        onShowInPage={onShowInPage}
      />
    </>
  );
}

const TIMELINE_LIMIT = 12;
const TIMELINE_STEP = 24;

/** Timeline: dated events from this story and the stories linked to it, oldest first, by year and month. */
export function TimelineList({
  entries,
  currentStoryId,
  locale,
  onShowInPage,
}: {
  entries: TimelineEntry[];
  currentStoryId: number;
  locale?: Locale;
  /** Sources in the current article highlight their sentence in the page (the popup / side panel). */
  onShowInPage?: ShowInPage;
}) {
  // A long timeline shows its latest entries, the ones closest to the story, and a button above them for the
  // earlier ones; after it the focus moves to the entry just before the ones shown so far.
  const paging = usePaging(entries.length, TIMELINE_LIMIT, TIMELINE_STEP, {
    showAll: (n) => t('timelineShowAll', n),
    showFewer: t('timelineShowFewer'),
  });
  const sorted = sortTimeline(entries);
  const shown = sorted.slice(sorted.length - paging.shown);
  // Counted from the latest entry, as the paging counts them.
  const rankOf = new Map(shown.map((entry, index) => [entry, shown.length - 1 - index]));
  const years = groupTimeline(shown, locale);
  return (
    <Section id="timeline" title={t('timelineTitle')}>
      {years.length === 0 ? <EmptyLine>{t('timelineEmpty')}</EmptyLine> : paging.button}
      {years.length > 0 &&
        years.map((year) => (
          <div class="timeline-year" key={year.year || 'undated'}>
            <h3 class="timeline-year-heading">{year.label}</h3>
            {year.months.map((run, r) => (
              <div class="timeline-run" key={`${run.month ?? 'coarse'}-${r}`}>
                {run.label && <h4 class="timeline-month-heading">{run.label}</h4>}
                <ol class="timeline">
                  {run.entries.map((entry, index) => (
                    <li
                      key={`${entry.date}-${index}`}
                      class={`timeline-entry timeline-${entry.kind}`}
                      ref={paging.itemRef(rankOf.get(entry) ?? -1)}
                      tabIndex={-1}
                    >
                      <Entry
                        entry={entry}
                        currentStoryId={currentStoryId}
                        locale={locale}
                        onShowInPage={onShowInPage}
                      />
                    </li>
                  ))}
                </ol>
              </div>
            ))}
          </div>
        ))}
    </Section>
  );
}
