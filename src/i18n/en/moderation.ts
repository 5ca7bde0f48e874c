// English: moderation of data-request comments, the moderation list beside the discussions, and the mails staff and
// requesters get about new comments, reuses and data requests.
import type { Counted } from '../plural.ts';
import type { moderation as nl } from '../nl/moderation.ts';

export const moderation: typeof nl = {
  hiddenByModerator: 'This comment was hidden by a moderator.',
  hiddenYours: 'Your comment was hidden by a moderator; others do not see it.',
  heldYours: 'Your comment waits for a moderator before others see it.',
  held: 'Held as likely spam',
  hidden: 'Hidden',
  commentHeld: 'Your comment waits for a moderator before others see it.',
  report: 'Report',
  reportLabel: 'Why do you report this comment?',
  reported: 'Thank you. A moderator will look at your report.',
  reportedBefore: 'You reported this comment already.',
  reportReason: 'Say why you report this comment.',
  moderated: 'The comment was updated.',
  hide: 'Hide',
  restore: 'Restore',
  release: 'Release',
  posts: 'Discussion posts',
  comments: 'Comments on data requests',
  reports: 'Reports',
  reusesWaiting: { one: (n: string) => `${n} reuse waits for a decision.`, other: (n: string) => `${n} reuses wait for a decision.` } as Counted,
  reusesNone: 'No reuse waits for a decision.',
  reusesLink: 'To the moderation of reuses',
  staffCounts: 'Exchanges',
  pendingReuses: 'Reuses to decide on',
  waitingPosts: 'Posts and comments to moderate',
  mail: {
    greeting: 'Hello,',
    commentSubject: (title: string) => `New comment on your data request "${title}"`,
    commentIntro: (who: string, title: string) => `${who} commented on your data request "${title}":`,
    open: 'Read the request and its comments:',
    commentWhy: 'You receive this mail because you asked for this data.',
    reuseSubject: (title: string) => `New reuse to decide on: "${title}"`,
    reuseText: (title: string) => `A new reuse was submitted: "${title}". It waits for your decision.`,
    wishSubject: (title: string) => `New data request: "${title}"`,
    wishText: (title: string) => `A new data request was made: "${title}". You may set its status.`,
    staffWhy: 'You receive this mail because you manage reuses and data requests on the portal.',
    requestStatusSubject: (p: { reference: string; status: string }) => `New status of your question ${p.reference}: ${p.status}`,
    requestStatusText: (p: { name: string; subject: string; reference: string; status: string; link: string; portal: string }) =>
      `Dear ${p.name},

Your question "${p.subject}" (${p.reference}) has a new status: ${p.status}.

Read the conversation and reply here:
${p.link}

Kind regards,
${p.portal}`,
    sign: (portal: string) => `Kind regards,\n${portal}`,
  },
};
