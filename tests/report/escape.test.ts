/* eslint-disable no-control-regex -- matching control characters is the point here */
import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  escapeMarkdown,
  escapeTerminal,
  escapeWorkflowData,
  escapeWorkflowProperty,
  escapeXml,
  jsonForScript,
  markdownCode,
  shellQuote,
  stripControls,
} from '../../src/report/escape.js';
import { PAYLOAD } from './sample-report.js';

// Anything a terminal or viewer would act on: C0 (tab/LF/CR allowed where noted), DEL, C1, bidi overrides.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]/;
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('escapeTerminal', () => {
  it('removes CSI, OSC 8, OSC 0, BEL, C1 and bidi controls and keeps the visible text', () => {
    const out = escapeTerminal(PAYLOAD);
    expect(out).not.toMatch(CONTROL);
    expect(out).not.toMatch(LONE);
    expect(out).toContain('RED');
    expect(out).toContain('click');
    expect(out).not.toContain('https://evil.example/\u0007');
    expect(out).not.toContain('\n');
  });
  it('drops the whole OSC string, not just its ESC', () => {
    expect(escapeTerminal('a\u001b]0;evil title\u0007b')).toBe('ab');
    expect(escapeTerminal('a\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\b')).toBe('alinkb');
    expect(escapeTerminal('a\u009b2Jb')).toBe('ab');
  });
  it('bounds the length without splitting a surrogate pair', () => {
    const out = stripControls('😀'.repeat(10), { max: 5 });
    expect(out).not.toMatch(LONE);
    expect(out.endsWith('…')).toBe(true);
  });
  it('never throws on non-strings', () => {
    expect(escapeTerminal(undefined)).toBe('');
    expect(escapeTerminal(42)).toBe('42');
  });
});

describe('escapeHtml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe('&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;');
  });
});

describe('escapeXml', () => {
  it('removes characters XML 1.0 cannot carry and escapes markup, so ]]> cannot appear', () => {
    const out = escapeXml(PAYLOAD);
    expect(out).not.toMatch(CONTROL);
    expect(out).not.toMatch(LONE);
    expect(out).not.toContain(']]>');
    expect(out).not.toContain('<');
    expect(out).toContain(']]&gt;');
  });
  it('keeps astral characters (valid surrogate pairs)', () => {
    expect(escapeXml('a😀b')).toBe('a😀b');
  });
});

describe('escapeMarkdown', () => {
  it('keeps a table row intact and neutralises mentions, references and links', () => {
    const out = escapeMarkdown(PAYLOAD);
    expect(out).not.toMatch(/(^|[^\\])\|/);
    expect(out).not.toMatch(/@octocat/);
    expect(out).toContain('@\u200boctocat');
    expect(out).not.toMatch(/(^|[^\\])#12/);
    expect(out).not.toMatch(/(^|[^\\])\[link\]/);
    expect(out).not.toContain('\n');
    expect(out).not.toContain('<');
  });
  it('code spans fence around backticks', () => {
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('x|y')).toBe('`x\\|y`');
  });
});

describe('workflow command escaping', () => {
  it('escapes % first, then CR and LF', () => {
    expect(escapeWorkflowData('50%\r\n::error::x')).toBe('50%25%0A::error::x');
    expect(escapeWorkflowData('a\nb')).toBe('a%0Ab');
    expect(escapeWorkflowData('%0A')).toBe('%250A');
  });
  it('escapes : and , in properties', () => {
    expect(escapeWorkflowProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });
});

describe('shellQuote', () => {
  it('single-quotes and survives embedded quotes and command substitution', () => {
    expect(shellQuote("it's $(rm -rf /)")).toBe(`'it'\\''s $(rm -rf /)'`);
    expect(shellQuote('a\nb')).toBe("'a b'");
  });
});

describe('jsonForScript', () => {
  it('cannot close the script element and round-trips', () => {
    const value = { t: '</script><!-- & \u2028\u2029' };
    const out = jsonForScript(value);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual(value);
  });
});
