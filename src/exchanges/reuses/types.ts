// Reuses: what a person made with the portal's datasets (an application, a visualisation, an article, research).

export const reuseTypes = ['application', 'visualisation', 'article', 'research'] as const;
export type ReuseType = (typeof reuseTypes)[number];
type ReuseStatus = 'pending' | 'approved' | 'rejected';

/** The image types accepted, by their first bytes; never SVG (it can carry script). */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

export interface Reuse {
  id: string;
  title: string;
  description: string;
  url: string;
  type: ReuseType;
  /** Whether it has an image, served at /reuses/{id}/image. */
  hasImage: boolean;
  status: ReuseStatus;
  rejectReason: string | null;
  /** The submitter's public name; "former user" (null) once erased. */
  author: string | null;
  datasetIds: string[];
  createdAt: string;
  decidedAt: string | null;
}

export interface ReuseInput {
  title: string;
  description: string;
  url: string;
  type: string;
  datasetIds: string[];
}

/** The submitter's account id, for pages that must know whose reuse it is. */
export interface OwnedReuse extends Reuse {
  userId: string;
  language: string;
}
