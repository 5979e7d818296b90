import type { ArticleEntity, BackgroundBlock as Background } from '@/core/model';
import { CollapsibleList } from '../ui/collapsible-list';
import { plural } from '../ui/format';
import { EmptyLine, Section } from './section';

const ENTITY_LIMIT = 6;
const PAST_LIMIT = 4;

function EntityList({ title, noun, entities }: { title: string; noun: string; entities: ArticleEntity[] }) {
  if (entities.length === 0) return null;
  return (
    <div class="group">
      <h3>{title}</h3>
      <CollapsibleList
        class="entities"
        items={entities}
        limit={ENTITY_LIMIT}
        noun={noun}
        itemKey={(entity) => entity.key}
        render={(entity) => (
          <>
            <span class="entity-name">{entity.name}</span>
            {entity.role && <span class="entity-role">{entity.role}</span>}
            <span class="entity-count">{plural(entity.count, 'mention', 'mentions')}</span>
          </>
        )}
      />
    </div>
  );
}

/** Background: who and what the article is about, then what it says about the past. */
export function BackgroundBlock({ background }: { background: Background }) {
  const { people, organizations, places, past } = background;
  const empty = people.length + organizations.length + places.length + past.length === 0;
  return (
    <Section id="background" title="Background">
      {empty ? (
        <EmptyLine>
          No background found in this article: Backstory lists the people, organisations and places it
          mentions.
        </EmptyLine>
      ) : (
        <>
          <EntityList title="People" noun="people" entities={people} />
          <EntityList title="Organisations" noun="organisations" entities={organizations} />
          <EntityList title="Places" noun="places" entities={places} />
          {past.length > 0 && (
            <div class="group">
              <h3>Earlier</h3>
              <CollapsibleList
                class="past"
                items={past}
                limit={PAST_LIMIT}
                noun="sentences"
                itemKey={(sentence) => `${sentence.start}-${sentence.end}`}
                render={(sentence) => sentence.text}
              />
            </div>
          )}
        </>
      )}
    </Section>
  );
}
