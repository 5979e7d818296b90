import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { messageOf } from '../ui/notice';

/** Following a story's thread (the real one: lib/feeds/follow-client.ts). */
export interface FollowControl {
  isFollowing(threadId: string): Promise<boolean>;
  setFollowing(threadId: string, title: string, on: boolean): Promise<boolean>;
}

/**
 * "Follow this story": the reader is told (a notification, the toolbar badge) when a new story joins the
 * article's thread, from the feeds they added or the headlines of pages they read.
 */
export function FollowToggle({
  follow,
  threadId,
  title,
}: {
  follow: FollowControl;
  threadId: string;
  title: string;
}) {
  const [following, setFollowing] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setFollowing(null);
    follow.isFollowing(threadId).then(
      (on) => live && setFollowing(on),
      () => live && setFollowing(false),
    );
    return () => {
      live = false;
    };
  }, [follow, threadId]);

  const onClick = () => {
    if (following === null) return;
    setError(null);
    follow
      .setFollowing(threadId, title, !following)
      .then(setFollowing, (e: unknown) => setError(messageOf(e)));
  };

  return (
    <p class="follow-toggle">
      <button
        type="button"
        class={`button button-small${following ? '' : ' button-secondary'}`}
        aria-pressed={following === true}
        disabled={following === null}
        onClick={onClick}
      >
        {following ? t('contextFollowing') : t('contextFollow')}
      </button>
      {error && (
        <span class="inline-error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </p>
  );
}
