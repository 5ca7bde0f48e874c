// The optional tile server of the maps: the one place that turns its URL template into what the content policy allows.

/**
 * The `img-src` sources the tile URL needs: its scheme and host, a `{s}` subdomain label as `*`.
 * Nothing when no tile server is configured, so the policy stays `'self'` by default.
 */
export function tileImageSources(tileUrl: string | null): string[] {
  if (!tileUrl) return [];
  const match = /^(https?:)\/\/([^/?#]+)/.exec(tileUrl);
  if (!match) return [];
  const host = match[2]
    .split('.')
    .map((label) => (label.includes('{s}') ? '*' : label))
    .join('.');
  return [`${match[1]}//${host}`];
}
