import { describe, expect, it } from 'vitest';
import {
  allowedClasses,
  classifyAddress,
  createAddressGuard,
  startAddressClass,
  type Resolver,
} from '../../src/crawl/address-guard.js';
import { guardedConnector } from '../../src/crawl/dispatcher.js';
import type { buildConnector } from 'undici';

const hostOf = (url: string): string => new URL(url).hostname;

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fd00::1', 'private'],
    ['fc00::1', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['2002:a9fe:a9fe::1', 'link-local'],
    ['224.0.0.1', 'reserved'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['2606:4700::1111', 'public'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it('sees through the spellings WHATWG URL normalises (decimal, hex, octal, mapped)', () => {
    expect(classifyAddress(hostOf('http://2852039166/'))).toBe('link-local');
    expect(classifyAddress(hostOf('http://0xa9.0xfe.0xa9.0xfe/'))).toBe('link-local');
    expect(classifyAddress(hostOf('http://0251.0376.0251.0376/'))).toBe('link-local');
    expect(classifyAddress(hostOf('http://0x7f000001/'))).toBe('loopback');
    expect(classifyAddress(hostOf('http://[::ffff:169.254.169.254]/'))).toBe('link-local');
    expect(classifyAddress(hostOf('http://0/'))).toBe('unspecified');
  });

  it('is undefined for names', () => {
    expect(classifyAddress('example.com')).toBeUndefined();
  });
});

describe('allowedClasses', () => {
  it('lets a loopback start stay on loopback but never reach link-local', () => {
    const allowed = allowedClasses('loopback');
    expect(allowed.has('loopback')).toBe(true);
    expect(allowed.has('private')).toBe(false);
    expect(allowed.has('link-local')).toBe(false);
  });
  it('keeps a public start public', () => {
    expect([...allowedClasses('public')]).toEqual(['public']);
  });
  it('never allows link-local even when the start is link-local', () => {
    expect(allowedClasses('link-local').has('link-local')).toBe(false);
  });
});

describe('address guard and guarded connector', () => {
  const resolver: Resolver = async (host) => {
    const table: Record<string, Array<{ address: string; family: 4 | 6 }>> = {
      'public.test': [{ address: '93.184.216.34', family: 4 }],
      'sneaky.test': [{ address: '10.0.0.7', family: 4 }],
      'metadata.test': [{ address: '169.254.169.254', family: 4 }],
      'mixed.test': [
        { address: '169.254.169.254', family: 4 },
        { address: '93.184.216.35', family: 4 },
      ],
    };
    const found = table[host];
    if (!found) throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    return found;
  };

  function connectorFor(startUrl: string): { connect: buildConnector.connector; attempts: string[] } {
    const attempts: string[] = [];
    const guard = createAddressGuard(async () => allowedClasses(await startAddressClass(startUrl, resolver)), resolver);
    // A base connector that records where a socket would have been opened.
    const base: buildConnector.connector = (options, callback) => {
      attempts.push(options.hostname);
      callback(new Error('fake base connector: no network in tests'), null);
    };
    return { connect: guardedConnector(guard, base), attempts };
  }

  const run = (connect: buildConnector.connector, hostname: string): Promise<Error | null> =>
    new Promise((resolve) => connect({ hostname, host: hostname, protocol: 'http:', port: '80' }, (...args) => resolve(args[0])));

  it('refuses a public name that resolves to a private address, without connecting', async () => {
    const { connect, attempts } = connectorFor('http://public.test/');
    const err = await run(connect, 'sneaky.test');
    expect(err?.message).toMatch(/refused to connect to private address 10\.0\.0\.7/);
    expect(attempts).toEqual([]);
  });

  it('refuses cloud metadata in literal and mapped spellings, without connecting', async () => {
    const { connect, attempts } = connectorFor('http://127.0.0.1:3000/');
    for (const host of ['169.254.169.254', '[::ffff:169.254.169.254]', '::ffff:a9fe:a9fe', 'metadata.test']) {
      const err = await run(connect, host);
      expect(err?.message).toMatch(/refused to connect to link-local/);
    }
    expect(attempts).toEqual([]);
  });

  it('connects to the allowed address of a multi-address name, by address', async () => {
    const { connect, attempts } = connectorFor('http://public.test/');
    const err = await run(connect, 'mixed.test');
    expect(err?.message).toMatch(/fake base connector/);
    expect(attempts).toEqual(['93.184.216.35']);
  });

  it('tries the next allowed address when one refuses the connection', async () => {
    const attempts: string[] = [];
    const twoFaced: Resolver = async () => [
      { address: '::1', family: 6 },
      { address: '127.0.0.1', family: 4 },
    ];
    const guard = createAddressGuard(async () => allowedClasses('loopback'), twoFaced);
    const base: buildConnector.connector = (options, callback) => {
      attempts.push(options.hostname);
      if (options.hostname === '::1') callback(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), null);
      else callback(new Error('fake base connector: reached'), null);
    };
    const err = await run(guardedConnector(guard, base), 'localhost');
    expect(err?.message).toMatch(/reached/);
    expect(attempts).toEqual(['::1', '127.0.0.1']);
  });

  it('allows loopback for a loopback start', async () => {
    const { connect, attempts } = connectorFor('http://127.0.0.1:3000/');
    await run(connect, '127.0.0.1');
    expect(attempts).toEqual(['127.0.0.1']);
  });

  it('refuses loopback for a public start', async () => {
    const { connect, attempts } = connectorFor('http://public.test/');
    const err = await run(connect, '127.0.0.1');
    expect(err?.message).toMatch(/refused to connect to loopback/);
    expect(attempts).toEqual([]);
  });
});
