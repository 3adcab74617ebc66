/**
 * Crawl progress on stderr: a cli-progress bar (pages done, queued, errors) when the stream
 * is a TTY, one line per request and problem with --verbose, nothing otherwise. Every piece
 * of site-controlled text (URLs, messages) is made terminal-safe first: control characters,
 * escape sequences and bidi overrides are shown escaped, never written raw.
 * It must not write to stdout or throw; a broken terminal must not stop a crawl.
 */
import cliProgress from 'cli-progress';
import type { CrawlEvent } from '../crawl/api.js';

export interface ProgressOptions {
  enabled: boolean;
  verbose: boolean;
  stream: NodeJS.WriteStream;
}

const MAX_TEXT = 300;

/** Escapes C0/C1 controls, DEL and bidi/format controls so site text cannot drive the terminal. */
export function terminalSafe(text: string, max = MAX_TEXT): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  // Matching control characters is the point of this expression.
  // eslint-disable-next-line no-control-regex
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function describe(event: CrawlEvent): string | undefined {
  switch (event.type) {
    case 'request':
      return `GET ${terminalSafe(event.url)}${event.pass !== 'crawl' ? ` (${terminalSafe(event.pass, 20)})` : ''}`;
    case 'retry':
      return `retry ${event.attempt} in ${event.delayMs} ms: ${terminalSafe(event.url)}`;
    case 'skip':
      return `skip ${terminalSafe(event.url)}: ${terminalSafe(event.reason, 80)}`;
    case 'error':
      return `error ${terminalSafe(event.url)}: ${terminalSafe(event.message)}`;
    default:
      return undefined;
  }
}

export function createProgressReporter(options: ProgressOptions): (event: CrawlEvent) => void {
  const { stream } = options;
  const write = (line: string): void => {
    try {
      stream.write(`${line}\n`);
    } catch {
      // terminal gone
    }
  };
  if (options.verbose) {
    // Line-by-line logging and a redrawn bar would overwrite each other; verbose wins.
    return (event) => {
      const line = describe(event);
      if (line) write(line);
    };
  }
  if (!options.enabled || stream.isTTY !== true) return () => {};

  let bar: cliProgress.SingleBar | undefined;
  let stopped = false;
  return (event) => {
    if (stopped) return;
    try {
      if (event.type === 'done') {
        stopped = true;
        bar?.stop();
        return;
      }
      if (event.type !== 'page') return;
      const total = Math.max(1, event.done + event.queued);
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: 'crawling {bar} {value} pages | {queued} queued | {errors} errors',
            hideCursor: true,
            clearOnComplete: true,
            barsize: 24,
            fps: 10,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, event.done, { queued: event.queued, errors: event.errors });
        return;
      }
      bar.setTotal(total);
      bar.update(event.done, { queued: event.queued, errors: event.errors });
    } catch {
      // never let the display break the run
    }
  };
}
