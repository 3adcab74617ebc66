/**
 * Groups evidence seen on many pages into one finding per evidence item: a tag on 300
 * pages is one finding with 300 URLs. Keeps pages in first-seen (crawl) order and a
 * bounded number of examples, so a hostile site cannot make a finding grow without end.
 */

export const MAX_EXAMPLES = 5;

export interface Group<T> {
  key: string;
  urls: string[];
  /** First items seen, at most MAX_EXAMPLES. */
  examples: T[];
  /** How many items were seen in all. */
  count: number;
}

export class EvidenceGroups<T> {
  private readonly groups = new Map<string, Group<T>>();
  private readonly seenUrls = new Map<string, Set<string>>();

  add(key: string, pageUrl: string, item: T): Group<T> {
    let group = this.groups.get(key);
    let urls = this.seenUrls.get(key);
    if (!group || !urls) {
      group = { key, urls: [], examples: [], count: 0 };
      urls = new Set();
      this.groups.set(key, group);
      this.seenUrls.set(key, urls);
    }
    if (!urls.has(pageUrl)) {
      urls.add(pageUrl);
      group.urls.push(pageUrl);
    }
    group.count++;
    if (group.examples.length < MAX_EXAMPLES) group.examples.push(item);
    return group;
  }

  /** Groups in first-seen order. */
  values(): Group<T>[] {
    return [...this.groups.values()];
  }
}

export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}
