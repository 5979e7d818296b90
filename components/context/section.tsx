import type { ComponentChildren } from 'preact';

interface SectionProps {
  id: string;
  title: string;
  children: ComponentChildren;
}

/** A titled region: `<section>` named by its `<h2>`, so it shows up in a screen reader's landmarks. */
export function Section({ id, title, children }: SectionProps) {
  const headingId = `${id}-heading`;
  return (
    <section class="section" id={id} aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

/** The short friendly line shown instead of an empty list. */
export function EmptyLine({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}
