import { compareDates } from '@/core/context/date-label';
import type { TimelineEntry, TimelineSource } from '@/core/model';
import { ExternalLink } from '../ui/external-link';
import { machineDate } from '../ui/format';
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

function Source({ source, currentStoryId }: { source: TimelineSource; currentStoryId: number }) {
  return (
    <>
      <ExternalLink href={source.url} class="source-title">
        {source.title || source.url}
      </ExternalLink>
      {source.publisher && <span class="publisher">{source.publisher}</span>}
      {source.storyId === currentStoryId && <span class="tag">this article</span>}
    </>
  );
}

function Entry({ entry, currentStoryId }: { entry: TimelineEntry; currentStoryId: number }) {
  const [only] = entry.sources;
  if (entry.kind === 'story' && only && entry.sources.length === 1 && only.title === entry.text) {
    // A related story on the day it was published: its headline is the entry and the link.
    return (
      <>
        <time class="timeline-date" datetime={machineDate(entry.date)}>
          {entry.label || entry.date}
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
        {entry.label || entry.date}
      </time>
      <p class="timeline-text">{entry.text}</p>
      {entry.sources.length > 0 && (
        <ul class="sources" aria-label="Sources">
          {entry.sources.map((source, index) => (
            <li key={`${source.storyId}-${source.start ?? index}`}>
              <Source source={source} currentStoryId={currentStoryId} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Timeline: dated events from this story and the stories linked to it, oldest first. */
export function TimelineList({
  entries,
  currentStoryId,
}: {
  entries: TimelineEntry[];
  currentStoryId: number;
}) {
  const sorted = sortTimeline(entries);
  return (
    <Section id="timeline" title="Timeline">
      {sorted.length === 0 ? (
        <EmptyLine>No dates yet: the timeline grows as you read more about this story.</EmptyLine>
      ) : (
        <ol class="timeline">
          {sorted.map((entry, index) => (
            <li key={`${entry.date}-${index}`} class={`timeline-entry timeline-${entry.kind}`}>
              <Entry entry={entry} currentStoryId={currentStoryId} />
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
