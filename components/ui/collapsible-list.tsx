import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

/**
 * Paging for long lists (related stories, the timeline, search results, look-ups): the first `limit` items,
 * then "Show more" adds `step` at a time. After "Show more" the focus moves to the first item it added, so a
 * keyboard or screen-reader user continues reading where the list grew; once everything is shown, "Show fewer"
 * folds the list back and the focus stays on the button. A list only one item longer than `limit` is shown whole
 * (a button to reveal a single item is no help).
 */
export interface Paging {
  /** How many items to show now. */
  shown: number;
  total: number;
  /** Attach to the element of item `index` (the first added one receives the focus after "Show more"). */
  itemRef: (index: number) => RefObject<HTMLLIElement | null> | undefined;
  /** The "Show more" / "Show fewer" button, or null when the list is short. */
  button: ComponentChildren;
}

export interface PagingLabels {
  /** The button when the rest fits in one more step: "Show all 7 people" (given the number of items). */
  showAll?: (count: number) => string;
  /** The button that folds the list again: "Show fewer people". */
  showFewer?: string;
}

export function usePaging(total: number, limit: number, step = limit, labels: PagingLabels = {}): Paging {
  const [shown, setShown] = useState(limit);
  const firstAdded = useRef<HTMLLIElement>(null);
  const focusIndex = useRef<number | null>(null);
  const pageable = total > limit + 1;
  const visible = pageable ? Math.min(shown, total) : total;

  useEffect(() => {
    if (focusIndex.current === null) return;
    focusIndex.current = null;
    firstAdded.current?.focus();
  }, [visible]);

  let button: ComponentChildren = null;
  if (pageable) {
    const remaining = total - visible;
    if (remaining > 0) {
      const all = remaining <= step;
      button = (
        <button
          type="button"
          class="link-button show-more"
          aria-expanded={false}
          onClick={() => {
            focusIndex.current = visible;
            setShown(all ? total : visible + step);
          }}
        >
          {all
            ? (labels.showAll?.(total) ?? t('listShowAll', total))
            : t('listShowMore', Math.min(step, remaining), remaining)}
        </button>
      );
    } else {
      button = (
        <button
          type="button"
          class="link-button show-more"
          aria-expanded={true}
          onClick={() => setShown(limit)}
        >
          {labels.showFewer ?? t('listShowFewer')}
        </button>
      );
    }
  }
  return {
    shown: visible,
    total,
    itemRef: (index) => (index === focusIndex.current ? firstAdded : undefined),
    button,
  };
}

interface CollapsibleListProps<T> extends PagingLabels {
  items: readonly T[];
  /** How many items show before "Show more". */
  limit: number;
  /** How many more each "Show more" adds (default: `limit`). */
  step?: number;
  render: (item: T, index: number) => ComponentChildren;
  itemKey: (item: T, index: number) => string | number;
  ordered?: boolean;
  class?: string;
  /** The list's accessible name, when it has no heading of its own. */
  label?: string;
}

/** A list that shows its first `limit` items and a real button to show more (see `usePaging`). */
export function CollapsibleList<T>({
  items,
  limit,
  step,
  render,
  itemKey,
  ordered = false,
  class: className,
  label,
  showAll,
  showFewer,
}: CollapsibleListProps<T>) {
  const paging = usePaging(items.length, limit, step, { showAll, showFewer });
  const children = items.slice(0, paging.shown).map((item, index) => (
    <li key={itemKey(item, index)} ref={paging.itemRef(index)} tabIndex={-1}>
      {render(item, index)}
    </li>
  ));
  return (
    <>
      {ordered ? (
        <ol class={className} aria-label={label}>
          {children}
        </ol>
      ) : (
        <ul class={className} aria-label={label}>
          {children}
        </ul>
      )}
      {paging.button}
    </>
  );
}
