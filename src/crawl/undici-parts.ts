/**
 * The parts of undici this crawler uses (Agent, buildConnector, request), each required from
 * its own file. The package entry loads all of undici (fetch, WebSocket, caches, mocks, every
 * agent), which on Node 20 costs about 40 ms more at start-up for nothing the crawler calls. Should a later undici move a file, the entry is
 * loaded instead, so this can only ever be slower, never wrong.
 */
import type * as Undici from 'undici';
import { requireCjs } from '../require-cjs.js';

type RequestOptions = Omit<Undici.Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & { method?: Undici.Dispatcher.HttpMethod };
type ApiRequest = (this: Undici.Dispatcher, options: Undici.Dispatcher.RequestOptions) => Promise<Undici.Dispatcher.ResponseData>;

interface UndiciParts {
  Agent: typeof Undici.Agent;
  buildConnector: typeof Undici.buildConnector;
  /** `undici.request(url, { ...options, dispatcher })`. */
  request(dispatcher: Undici.Dispatcher, url: string, options: RequestOptions): Promise<Undici.Dispatcher.ResponseData>;
}

function wholePackage(): typeof Undici {
  return requireCjs('undici') as typeof Undici;
}

function loadParts(): UndiciParts {
  try {
    const Agent = requireCjs('undici/lib/dispatcher/agent.js') as typeof Undici.Agent;
    const buildConnector = requireCjs('undici/lib/core/connect.js') as typeof Undici.buildConnector;
    const apiRequest = requireCjs('undici/lib/api/api-request.js') as ApiRequest;
    if (typeof Agent !== 'function' || typeof buildConnector !== 'function' || typeof apiRequest !== 'function') throw new Error('undici layout changed');
    return {
      Agent,
      buildConnector,
      // What the package's request(url, options) does with a URL: origin and path, GET by default.
      request(dispatcher, url, options) {
        const target = new URL(url);
        const path = target.search ? `${target.pathname}${target.search}` : target.pathname;
        return apiRequest.call(dispatcher, { ...options, origin: target.origin, path, method: options.method ?? 'GET' });
      },
    };
  } catch {
    const undici = wholePackage();
    return { Agent: undici.Agent, buildConnector: undici.buildConnector, request: (dispatcher, url, options) => undici.request(url, { ...options, dispatcher }) };
  }
}

export const undiciParts: UndiciParts = loadParts();

/**
 * undici's EnvHttpProxyAgent, loaded only when a proxy is configured, from the package entry:
 * its tunnels use Dispatcher methods that the entry installs.
 */
export function envHttpProxyAgent(): typeof Undici.EnvHttpProxyAgent {
  return wholePackage().EnvHttpProxyAgent;
}
