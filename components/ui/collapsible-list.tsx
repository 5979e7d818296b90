import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

interface CollapsibleListProps<T> {
  items: readonly T[];
  /** How many items show before "Show all". */
  limit: number;
  render: (item: T, index: number) => ComponentChildren;
  itemKey: (item: T, index: number) => string | number;
  ordered?: boolean;
  class?: string;
  /** Names the list for the "Show all" button, e.g. "people". */
  noun: string;
}

/** A list that shows its first `limit` items and a real button to show the rest. */
export function CollapsibleList<T>({
  items,
  limit,
  render,
  itemKey,
  ordered = false,
  class: className,
  noun,
}: CollapsibleListProps<T>) {
  const [expanded, setExpanded] = useState(false);
  const collapsible = items.length > limit + 1;
  const shown = collapsible && !expanded ? items.slice(0, limit) : items;
  const children = shown.map((item, index) => <li key={itemKey(item, index)}>{render(item, index)}</li>);
  return (
    <>
      {ordered ? <ol class={className}>{children}</ol> : <ul class={className}>{children}</ul>}
      {collapsible && (
        <button
          type="button"
          class="link-button"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? `Show fewer ${noun}` : `Show all ${items.length} ${noun}`}
        </button>
      )}
    </>
  );
}
