// The one rule for likely spam in what people post (discussion posts, data-request comments): held until a moderator
// releases it. Staff are never held; the callers leave them out.

const linkPattern = /(https?:\/\/|www\.)/gi;

/** Likely spam: three links or more, or any link in a person's first post (`earlierPosts` counts what they posted before). */
export async function likelySpam(text: string, earlierPosts: () => Promise<number>): Promise<boolean> {
  const links = text.match(linkPattern)?.length ?? 0;
  if (links >= 3) return true;
  return links > 0 && (await earlierPosts()) === 0;
}
