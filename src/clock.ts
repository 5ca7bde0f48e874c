// Time comes from an injected clock so that retention, digests and deadlines are testable.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
