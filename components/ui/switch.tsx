import type { ComponentChildren } from 'preact';

/** An on/off switch with its label (options page sections); `describedBy` names the text that explains it. */
export function Switch({
  on,
  disabled,
  describedBy,
  onToggle,
  children,
}: {
  on: boolean;
  disabled: boolean;
  describedBy?: string;
  onToggle: () => void;
  children: ComponentChildren;
}) {
  return (
    <label class="cards-switch">
      <input
        type="checkbox"
        role="switch"
        aria-checked={on}
        checked={on}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={onToggle}
      />
      {children}
    </label>
  );
}
