// The webhooks domain's types: what an owner sees of a webhook and of its deliveries (never the secret).

export type EventType = 'dataset.version_published' | 'dataset.metadata_updated' | 'dataset.published';

export interface DeliveryInfo {
  id: string;
  eventId: string;
  eventType: string;
  datasetId: string;
  status: 'pending' | 'sending' | 'delivered' | 'failed' | 'cancelled';
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
  /** When the next attempt is due, while it is pending. */
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
}

export interface WebhookInfo {
  id: string;
  url: string;
  /** Null: the whole catalog. */
  datasetId: string | null;
  createdAt: string;
  state: 'active' | 'disabled';
  disabledAt: string | null;
  /** `failures`: Opaal gave up after repeated failure; `owner`: its owner switched it off. */
  disabledReason: 'failures' | 'owner' | null;
  failingAttempts: number;
  lastDeliveredAt: string | null;
  deliveries: DeliveryInfo[];
}
