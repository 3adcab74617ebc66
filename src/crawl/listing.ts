/**
 * URL lists that end up in the report (left over, blocked by robots.txt, truncated, errors):
 * a hostile site can offer endless and absurdly long URLs, so each list keeps at most
 * MAX_LISTED entries and counts the rest (errors are bounded by the page budget instead),
 * and each listed URL is cut to MAX_LISTED_URL
 * characters (with a trailing ellipsis, so a cut URL cannot pass for a real one). It must
 * not be used for URLs the crawler fetches: only for what it reports.
 */

export const MAX_LISTED = 250;
export const MAX_LISTED_URL = 300;
const MAX_MESSAGE = 300;

const droppedFrom = new WeakMap<string[], number>();

/** `url` as listed in the report: at most MAX_LISTED_URL characters. */
export function listedUrl(url: string): string {
  return url.length <= MAX_LISTED_URL ? url : `${url.slice(0, MAX_LISTED_URL - 1)}\u2026`;
}

/** Appends a (shortened) URL while the list has room; otherwise counts it as unlisted. */
export function pushListed(list: string[], url: string): void {
  if (list.length < MAX_LISTED) list.push(listedUrl(url));
  else droppedFrom.set(list, (droppedFrom.get(list) ?? 0) + 1);
}

/** How many URLs `pushListed` could not list in `list`. */
export function unlistedCount(list: string[]): number {
  return droppedFrom.get(list) ?? 0;
}

/** An error as reported: URL shortened, message bounded (the list itself is bounded by the page budget). */
export function listedError<E extends { url: string; message: string }>(error: E): E {
  const message = error.message.length > MAX_MESSAGE ? `${error.message.slice(0, MAX_MESSAGE - 1)}\u2026` : error.message;
  return { ...error, url: listedUrl(error.url), message };
}
