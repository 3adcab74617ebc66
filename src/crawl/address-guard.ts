/**
 * Network safety: classifies IP addresses and refuses connections into address space the
 * crawl was not sent to (loopback, private, CGNAT, unspecified, and link-local such as cloud
 * metadata), except the class of the start URL's own address. The check runs inside the
 * undici connector on the very address the socket connects to, so IP literals, multi-address
 * names and public names that resolve to private addresses are all covered.
 * It must not trust hostnames: only resolved, parsed addresses decide.
 */
import { promises as dns } from 'node:dns';
import net from 'node:net';

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link-local'
  | 'unspecified'
  | 'reserved';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** Refusal carries a code so callers can report it as a page error, never a crash. */
export class AddressRefusedError extends Error {
  override name = 'AddressRefusedError';
  readonly code = 'POLICY_LINT_ADDRESS_REFUSED';
}

const MAX_ADDRESSES = 16;

export const systemResolver: Resolver = async (hostname) => {
  const found = await dns.lookup(hostname, { all: true, verbatim: true });
  return found.slice(0, MAX_ADDRESSES).map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
};

/** Strips the brackets URL hosts put around IPv6 literals. */
export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function classifyV4Octets(a: number, b: number, c: number): AddressClass {
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 10) return 'private';
  if (a === 172 && b >= 16 && b <= 31) return 'private';
  if (a === 192 && b === 168) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'cgnat';
  // IETF protocol assignments and benchmarking nets are never a public website.
  if (a === 192 && b === 0 && c === 0) return 'reserved';
  if (a === 198 && (b === 18 || b === 19)) return 'reserved';
  if (a >= 224) return 'reserved';
  return 'public';
}

function parseV4(text: string): number[] | undefined {
  if (!net.isIPv4(text)) return undefined;
  return text.split('.').map((part) => Number(part));
}

/** Expands an IPv6 literal (with optional embedded dotted quad) to 16 bytes. */
function parseV6(text: string): number[] | undefined {
  let head = text.split('%')[0] ?? '';
  if (!net.isIPv6(head)) return undefined;
  const lastColon = head.lastIndexOf(':');
  const tail = head.slice(lastColon + 1);
  if (tail.includes('.')) {
    const quad = parseV4(tail);
    if (!quad) return undefined;
    const hex = (hi: number, lo: number): string => ((hi << 8) | lo).toString(16);
    head = `${head.slice(0, lastColon + 1)}${hex(quad[0] ?? 0, quad[1] ?? 0)}:${hex(quad[2] ?? 0, quad[3] ?? 0)}`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const split = (part: string | undefined): string[] => (part ? part.split(':') : []);
  const left = split(halves[0]);
  const right = split(halves[1]);
  const fill = halves.length === 2 ? 8 - left.length - right.length : 0;
  if (fill < 0) return undefined;
  const groups = [...left, ...new Array<string>(fill).fill('0'), ...right];
  if (groups.length !== 8) return undefined;
  const bytes: number[] = [];
  for (const group of groups) {
    const value = parseInt(group, 16);
    if (!Number.isFinite(value) || value < 0 || value > 0xffff) return undefined;
    bytes.push((value >> 8) & 0xff, value & 0xff);
  }
  return bytes;
}

function classifyV6Bytes(bytes: number[]): AddressClass {
  const at = (i: number): number => bytes[i] ?? 0;
  const zeroUpTo = (end: number): boolean => bytes.slice(0, end).every((b) => b === 0);
  const embedded = (offset: number): AddressClass => classifyV4Octets(at(offset), at(offset + 1), at(offset + 2));
  if (zeroUpTo(16)) return 'unspecified';
  if (zeroUpTo(15) && at(15) === 1) return 'loopback';
  // IPv4-mapped ::ffff:a.b.c.d and the deprecated IPv4-compatible ::a.b.c.d
  if (zeroUpTo(10) && at(10) === 0xff && at(11) === 0xff) return embedded(12);
  if (zeroUpTo(12)) return embedded(12);
  // NAT64 well-known prefix 64:ff9b::/96 reaches the embedded IPv4 address.
  if (at(0) === 0x00 && at(1) === 0x64 && at(2) === 0xff && at(3) === 0x9b) {
    if (bytes.slice(4, 12).every((b) => b === 0)) return embedded(12);
    // 64:ff9b:1::/48 is the local-use NAT64 prefix.
    return 'private';
  }
  // 6to4 2002:V4ADDR::/48 tunnels to the embedded address.
  if (at(0) === 0x20 && at(1) === 0x02) return embedded(2);
  if (at(0) === 0xfe && (at(1) & 0xc0) === 0x80) return 'link-local';
  if (at(0) === 0xfe && (at(1) & 0xc0) === 0xc0) return 'private';
  if ((at(0) & 0xfe) === 0xfc) return 'private';
  if (at(0) === 0xff) return 'reserved';
  return 'public';
}

/** Classifies an IP literal; anything that is not one is reported as undefined. */
export function classifyAddress(address: string): AddressClass | undefined {
  const bare = unbracket(address);
  const v4 = parseV4(bare);
  if (v4) return classifyV4Octets(v4[0] ?? 0, v4[1] ?? 0, v4[2] ?? 0);
  const v6 = parseV6(bare);
  if (v6) return classifyV6Bytes(v6);
  return undefined;
}

/** Classes a crawl may connect to, given the class of the start URL's own address. */
export function allowedClasses(startClass: AddressClass | undefined): Set<AddressClass> {
  const allowed = new Set<AddressClass>(['public']);
  // Nothing ever reaches link-local (cloud metadata) or multicast, whatever the start.
  if (startClass && startClass !== 'link-local' && startClass !== 'reserved') allowed.add(startClass);
  // 0.0.0.0 is how many dev servers are addressed; it lands on loopback.
  if (startClass === 'unspecified') allowed.add('loopback');
  return allowed;
}

export interface AddressGuard {
  /** Resolves `hostname` and returns the first address the crawl may connect to, or throws. */
  pick(hostname: string): Promise<ResolvedAddress>;
  /** Every address of `hostname` the crawl may connect to, in resolver order (at least one), or throws. */
  candidates(hostname: string): Promise<ResolvedAddress[]>;
  /** Throws unless `address` (as connected) is in an allowed class. */
  assertAllowed(address: string, hostname: string): void;
}

export function createAddressGuard(allowed: () => Promise<Set<AddressClass>>, resolve: Resolver): AddressGuard {
  const refuse = (address: string, cls: AddressClass, hostname: string): AddressRefusedError =>
    new AddressRefusedError(
      `refused to connect to ${cls} address ${address}${hostname && hostname !== address ? ` (${hostname})` : ''}`,
    );
  let cachedAllowed: Set<AddressClass> | undefined;
  const getAllowed = async (): Promise<Set<AddressClass>> => (cachedAllowed ??= await allowed());
  const candidates = async (hostname: string): Promise<ResolvedAddress[]> => {
    const host = unbracket(hostname);
    const permitted = await getAllowed();
    const literal = classifyAddress(host);
    if (literal) {
      if (!permitted.has(literal)) throw refuse(host, literal, hostname);
      return [{ address: host, family: net.isIPv6(host) ? 6 : 4 }];
    }
    const found = (await resolve(host)).slice(0, MAX_ADDRESSES);
    if (found.length === 0) throw new Error(`host not found: ${host}`);
    const usable: ResolvedAddress[] = [];
    let firstRefusal: AddressRefusedError | undefined;
    for (const entry of found) {
      const cls = classifyAddress(entry.address) ?? 'reserved';
      if (permitted.has(cls)) usable.push(entry);
      else firstRefusal ??= refuse(entry.address, cls, host);
    }
    if (usable.length === 0) throw firstRefusal ?? new Error(`host not found: ${host}`);
    return usable;
  };
  return {
    candidates,
    async pick(hostname) {
      const [first] = await candidates(hostname);
      if (!first) throw new Error(`host not found: ${hostname}`);
      return first;
    },
    assertAllowed(address, hostname) {
      const cls = classifyAddress(address) ?? 'reserved';
      if (!cachedAllowed || !cachedAllowed.has(cls)) throw refuse(address, cls, hostname);
    },
  };
}

/** The class of the start URL's own address: literal, or the first resolved address. */
export async function startAddressClass(startUrl: string, resolve: Resolver): Promise<AddressClass | undefined> {
  let host: string;
  try {
    host = unbracket(new URL(startUrl).hostname);
  } catch {
    return undefined;
  }
  const literal = classifyAddress(host);
  if (literal) return literal;
  try {
    const found = await resolve(host);
    const first = found[0];
    return first ? classifyAddress(first.address) : undefined;
  } catch {
    return undefined;
  }
}
