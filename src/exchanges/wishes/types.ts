// Data requests ("wishes"): people ask publicly for data not yet published, support each other's requests and comment.

export const wishStatuses = ['open', 'under_study', 'planned', 'published', 'refused'] as const;
export type WishStatus = (typeof wishStatuses)[number];

export interface Wish {
  id: string;
  title: string;
  description: string;
  status: WishStatus;
  /** The dataset that answers it (published). */
  datasetId: string | null;
  refuseReason: string | null;
  support: number;
  /** The requester's public name; null once erased ("former user"). */
  author: string | null;
  createdAt: string;
  statusChangedAt: string | null;
}

export interface WishComment {
  id: string;
  /** Null where the viewer may not read it (hidden by a moderator): a placeholder shows instead. */
  body: string | null;
  author: string | null;
  /** visible | held (seen by its author and moderators only) | hidden */
  status: string;
  mine: boolean;
  createdAt: string;
}
