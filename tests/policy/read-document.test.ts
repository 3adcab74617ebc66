import { describe, expect, it } from 'vitest';
import { policyKindFromPath, readPolicyDocument, readPolicySource } from '../../src/policy/read-document.js';
import { splitSentences } from '../../src/policy/text/segment.js';
import { guessLanguage } from '../../src/policy/text/language.js';

const URL_ = 'https://example.test/privacy';

describe('readPolicyDocument (HTML)', () => {
  const html = `<!doctype html><html lang="en"><head><title>Privacy</title><style>.x{}</style></head><body>
    <header><nav><a href="/">Home</a> We use cookies in the nav.</nav></header>
    <div id="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
    <main>
      <h1>Privacy Policy</h1>
      <p>Last updated: 14 March 2024</p>
      <h2>Do we use cookies?</h2>
      <p>We do not.</p>
      <h2>Collection</h2>
      <p>We collect your email address, e.g. when you subscribe. We never sell it.</p>
      <ul><li>To send the newsletter</li><li>To answer questions</li></ul>
      <script>document.cookie = "a=1"; // We use cookies</script>
    </main>
    <footer>We never sell your data. © Example</footer>
  </body></html>`;
  const doc = readPolicyDocument({ url: URL_, body: html, contentType: 'text/html; charset=utf-8' }, 'link "Privacy"');

  it('keeps the main text and drops nav, banner, footer and scripts', () => {
    expect(doc.text).toContain('We collect your email address');
    expect(doc.text).not.toContain('nav');
    expect(doc.text).not.toContain('improve your experience');
    expect(doc.text).not.toContain('© Example');
    expect(doc.text).not.toContain('document.cookie');
  });

  it('gives each sentence its line and nearest heading', () => {
    const answer = doc.sentences.find((s) => s.text === 'We do not.');
    expect(answer?.heading).toBe('Do we use cookies?');
    expect(doc.text.split('\n')[(answer?.line ?? 0) - 1]).toBe('We do not.');
    const abbreviation = doc.sentences.find((s) => s.text.startsWith('We collect'));
    expect(abbreviation?.text).toBe('We collect your email address, e.g. when you subscribe.');
    expect(doc.sentences.map((s) => s.text)).toContain('To send the newsletter');
  });

  it('reads the claims, with the heading giving the short answer its topic', () => {
    expect(doc.language).toBe('en');
    expect(doc.claims.find((c) => c.topic === 'cookies')).toMatchObject({ stance: 'denies', quote: 'We do not.' });
    expect(doc.claims.find((c) => c.topic === 'sale')?.stance).toBe('denies');
    expect(doc.claims.find((c) => c.topic === 'effective-date')?.date).toBe('2024-03-14');
    expect(doc.claims.map((c) => c.id)).toEqual(doc.claims.map((_c, i) => `c${i + 1}`));
  });
});

describe('documents that cannot be read are reported, not guessed', () => {
  it('a PDF', () => {
    const doc = readPolicyDocument({ url: 'https://x.test/privacy.pdf', body: '%PDF-1.7 ...', contentType: 'application/pdf' }, 'link');
    expect(doc.coverageNote).toMatch(/PDF/);
    expect(doc.claims).toEqual([]);
  });

  it('a JavaScript app shell', () => {
    const body = '<html><body><div id="root"></div><noscript>You need to enable JavaScript to run this app.</noscript><script src="/main.js"></script></body></html>';
    const doc = readPolicyDocument({ url: URL_, body, contentType: 'text/html' }, 'link');
    expect(doc.coverageNote).toMatch(/browser/);
    expect(doc.claims).toEqual([]);
  });

  it('a policy in another language', () => {
    const body = `<html lang="de"><body><main><h1>Datenschutzerklärung</h1>
      <p>Wir verwenden keine Cookies und wir geben Ihre Daten nicht an Dritte weiter. Die Verarbeitung der Daten erfolgt auf der Grundlage von Art. 6 DSGVO.</p>
      <p>Sie haben das Recht, Auskunft über die von uns gespeicherten Daten zu erhalten und diese berichtigen oder löschen zu lassen, wenn die Daten nicht mehr benötigt werden.</p>
      </main></body></html>`;
    const doc = readPolicyDocument({ url: URL_, body, contentType: 'text/html' }, 'link');
    expect(doc.language).toBe('de');
    expect(doc.coverageNote).toMatch(/language/);
    expect(doc.claims).toEqual([]);
    expect(doc.sentences.length).toBeGreaterThan(0);
  });

  it('hostile input never throws', () => {
    const deep = '<div>'.repeat(50_000) + 'We do not use cookies.' + '</div>'.repeat(50_000);
    expect(() => readPolicyDocument({ url: URL_, body: deep, contentType: 'text/html' }, 'x')).not.toThrow();
    expect(() => readPolicySource({ url: URL_, body: '\u0000\u001b[31m'.repeat(1000), kind: 'text' }, 'x')).not.toThrow();
    const doc = readPolicySource({ url: URL_, body: 'We do not use cookies.\u001b[2J', kind: 'text' }, 'x');
    expect(doc.sentences[0]?.text).toBe('We do not use cookies.[2J');
  });
});

describe('plain text and Markdown', () => {
  it('keeps source line numbers and joins hard-wrapped paragraphs', () => {
    const text = 'Privacy Policy\n\nWe do not use cookies on this website and we never\nset any tracking cookies.\n\nDo we sell data?\nNo.\n';
    const doc = readPolicySource({ url: 'policy.txt', body: text, kind: 'text' }, 'file');
    expect(doc.sentences[0]).toMatchObject({ line: 3, heading: 'Privacy Policy' });
    expect(doc.sentences[0]?.text).toBe('We do not use cookies on this website and we never set any tracking cookies.');
    expect(doc.claims.find((c) => c.topic === 'sale')).toMatchObject({ stance: 'denies', quote: 'No.', location: { line: 7 } });
  });

  it('reads Markdown headings, lists, tables and front matter', () => {
    const md = '---\ntitle: Privacy\n---\n# Privacy\n\n## Cookies\n\nWe set **one** cookie:\n\n| Name | Purpose |\n| --- | --- |\n| `sid_token` | keeps you signed in |\n\n- We never sell data.\n';
    const doc = readPolicySource({ url: 'privacy.md', body: md, kind: 'markdown' }, 'file');
    expect(doc.sentences.map((s) => s.text)).toEqual(['We set one cookie:', 'Name | Purpose', 'sid_token | keeps you signed in', 'We never sell data.']);
    expect(doc.sentences[2]).toMatchObject({ line: 12, heading: 'Cookies' });
    expect(doc.claims.find((c) => c.topic === 'named-cookie')?.cookies).toEqual(['sid_token']);
  });

  it('file kinds', () => {
    expect(policyKindFromPath('./privacy.HTML')).toBe('html');
    expect(policyKindFromPath('docs/privacy.md')).toBe('markdown');
    expect(policyKindFromPath('privacy.txt')).toBe('text');
    expect(policyKindFromPath('privacy.pdf')).toBe('pdf');
  });
});

describe('sentence splitting', () => {
  it('does not split after abbreviations or inside dates', () => {
    expect(splitSentences('Acme Inc. collects data. Last updated: Jan. 5, 2024. We use tools, e.g. Matomo, to count visits.')).toEqual([
      'Acme Inc. collects data.',
      'Last updated: Jan. 5, 2024.',
      'We use tools, e.g. Matomo, to count visits.',
    ]);
  });

  it('splits inline bullets', () => {
    expect(splitSentences('We will notify you: • By email • On this page')).toEqual(['We will notify you:', 'By email', 'On this page']);
  });
});

describe('language guess', () => {
  it('tells English from French and keeps short English text English', () => {
    expect(guessLanguage('We do not use cookies and we never sell the information you give us.')).toBe('en');
    expect(guessLanguage('Nous ne vendons pas vos données et nous ne les partageons pas avec des tiers pour la publicité.')).toBe('fr');
    expect(guessLanguage('It has no cookies, no analytics and no forms.')).toBe('en');
  });
});
