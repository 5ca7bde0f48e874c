// The words of information requests: statuses, message kinds and the limits of what a person may write.
export const requestStatuses = ['new', 'in_progress', 'waiting', 'answered', 'closed'] as const;
export type RequestStatus = (typeof requestStatuses)[number];
/** Requester and staff write in the thread; a note is staff's only, never shown or mailed to the requester. */
export type MessageKind = 'requester' | 'staff' | 'note';

/** The longest message a person may send (the form says so when refusing). */
export const maxMessage = 10_000;
/** Working days (Monday to Friday) from registration to the due day. */
export const dueWorkingDays = 20;
/** How long a confirmation link works; the sweep deletes the unconfirmed request after the same time. */
export const confirmHours = 24;

export interface RequestMessage {
  id: number;
  kind: MessageKind;
  /** The author's public name (staff: the department's name when the author has none), never an address. */
  author: string;
  body: string;
  createdAt: string;
}
