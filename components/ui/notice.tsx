/** What an action on a page told the reader: it worked, or why it did not. */
export type Notice = { tone: 'ok' | 'error'; text: string };

/** The text of a rejection, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The options page's notice line, in a live region so that screen readers say it when it changes. */
export function StatusNotice({ notice }: { notice: Notice | null }) {
  return (
    <div role="status" aria-live="polite">
      {notice && <p class={`notice notice-${notice.tone}`}>{notice.text}</p>}
    </div>
  );
}
