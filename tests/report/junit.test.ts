import { describe, expect, it } from 'vitest';
import { junit } from '../../src/report/formatters/junit.js';
import { hostileReport, sampleContext, sampleReport } from './sample-report.js';
import { xmlProblems } from './xml-check.js';

describe('junit formatter', () => {
  const xml = junit(sampleReport(), sampleContext());

  it('is well-formed XML 1.0 with a testsuite per registered rule', () => {
    expect(xmlProblems(xml)).toEqual([]);
    const suites = [...xml.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)" errors="0" skipped="(\d+)">/g)].map((m) => m.slice(1));
    expect(suites).toEqual([
      ['caloppa/privacy-link', '1', '0', '0'],
      ['cookies/undisclosed-cookies', '1', '1', '0'],
      ['dnt/signal-ignored', '1', '1', '0'],
      ['trackers/undisclosed-third-party', '2', '0', '2'],
    ]);
    expect(xml).toMatch(/<testsuites name="policy-lint https:\/\/allsmart.example\/" tests="5" failures="2" errors="0" skipped="2">/);
  });

  it('a rule with no findings is one passing testcase, so the report shows it ran', () => {
    expect(xml).toContain('<testcase classname="caloppa/privacy-link" name="no findings"/>');
  });

  it('failures carry the message, the quote, the pages, the evidence and a reproduce command', () => {
    const failure = /<failure message="([^"]*)" type="error">([^<]*)<\/failure>/.exec(xml)!;
    expect(failure[1]).toBe('The policy says &quot;We do not use cookies.&quot; but / sets sessionid');
    expect(failure[2]).toContain('Policy (https://allsmart.example/privacy, line 12): &quot;We do not use cookies.&quot;');
    expect(failure[2]).toContain('Pages: https://allsmart.example/, https://allsmart.example/about');
    expect(failure[2]).toContain('&quot;name&quot;: &quot;sessionid&quot;');
    expect(failure[2]).toContain('Reproduce: curl -s -o /dev/null -D - &apos;https://allsmart.example/&apos; | grep -i &apos;^set-cookie&apos;');
    expect(xml).toContain('name="/ — cookies: sessionid"');
  });

  it('baselined and suppressed findings are skipped, not failed', () => {
    expect(xml).toContain('<skipped message="baselined: The policy denies third-party tracking but /contact loads Google Analytics"/>');
    expect(xml).toContain('<skipped message="suppressed: legacy section removed in Q1"/>');
  });

  it('stays well-formed whatever the site sends, with no CDATA', () => {
    const hostile = junit(hostileReport(), sampleContext());
    expect(xmlProblems(hostile)).toEqual([]);
    expect(hostile).not.toContain('CDATA');
    expect(hostile).toContain(']]&gt;');
  });

  it('the checker is strict: raw controls, ]]> in text, bad entities and mismatched tags fail', () => {
    expect(xmlProblems('<?xml version="1.0"?><a>\u0001</a>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?><a>]]></a>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?><a>&nbsp;</a>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?><a>&#1;</a>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?><a><b></a></b>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?><a x="1" x="2"/>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?><a>\ud800</a>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?><a x="&amp;"><b/>t&#x1F600;</a>')).toEqual([]);
  });

  it('with no rules registered and no findings it is still a valid document', () => {
    const empty = junit({ ...sampleReport(), findings: [] }, sampleContext({ rulesMeta: [] }));
    expect(xmlProblems(empty)).toEqual([]);
    expect(empty).toContain('tests="0"');
  });
});
