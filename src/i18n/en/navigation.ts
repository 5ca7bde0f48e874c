// The header's and footer's links to the exchanges (issue 17): short words, so the header stays one or two lines.
import type { navigation as nl } from '../nl/navigation.ts';

export const navigation: typeof nl = {
  reuses: 'Reuses',
  dataRequests: 'Data requests',
  inbox: 'Inbox',
  moderation: 'Moderation',
  reuseModeration: 'Review reuses',
  contact: 'Contact',
  menu: 'Menu',
  requesterAccount: (name: string) => `${name} (signed in with an account)`,
  staffExchanges: 'Contact with users',
};
