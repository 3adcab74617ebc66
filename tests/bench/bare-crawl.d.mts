export interface CrawlCounts {
  pages: number;
  bytes: number;
  errors: number;
}
export function crawlAndParse(startUrl: string, concurrency: number, maxPages: number): Promise<CrawlCounts>;
export function downloadAll(urls: string[], concurrency: number): Promise<CrawlCounts>;
