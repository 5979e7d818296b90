/** The real FollowControl (components/context/follow-toggle.tsx), over the message protocol. */
import type { FollowControl } from '@/components/context/follow-toggle';
import { sendMessage } from '@/lib/messaging';

export function createFollowControl(): FollowControl {
  return {
    isFollowing: async (threadId) => (await sendMessage('getFollow', { threadId })).following,
    setFollowing: async (threadId, title, on) =>
      (
        await (on
          ? sendMessage('followThread', { threadId, title: title.slice(0, 300) })
          : sendMessage('unfollowThread', { threadId }))
      ).following,
  };
}
