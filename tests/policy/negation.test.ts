import { describe, expect, it } from 'vitest';
import { claimOf, stanceOf } from './helpers.js';

describe('negation forms', () => {
  it.each([
    ['do not', 'We do not use cookies.'],
    ["don't with a straight apostrophe", "We don't use cookies."],
    ['don’t with a typographic apostrophe', 'We don’t use cookies.'],
    ['don’t mis-decoded from windows-1252', 'We donâ€™t use cookies.'],
    ['don’t as a raw 0x92 byte', 'We don\u0092t use cookies.'],
    ['never', 'We never set cookies on your device.'],
    ['no ... are', 'No cookies are used on this website.'],
    ['passive not', 'Cookies are not used on this website.'],
    ['sets no', 'This site sets no cookies.'],
    ['neither ... nor', 'The site neither sets cookies nor loads trackers.'],
    ['without', 'Our analytics run without cookies.'],
    ['not ... any', 'We do not place any cookies on your computer.'],
    ['has no', 'It has no cookies, no analytics and no forms.'],
  ])('%s', (_name, text) => {
    expect(stanceOf(text, 'cookies')).toBe('denies');
  });

  it('nor carries the negation to the second verb', () => {
    expect(stanceOf('We do not sell your data, nor do we share it with anyone.', 'sharing')).toBe('denies');
    expect(stanceOf('We do not sell your data, nor do we share it with anyone.', 'sale')).toBe('denies');
  });

  it('a negation stops at "but"', () => {
    expect(stanceOf('We do not sell your data, but we share it with our couriers.', 'sharing')).toBe('affirms');
  });

  it('collect nothing and keeps no logs are denials', () => {
    expect(stanceOf('We collect nothing.', 'collection')).toBe('denies');
    expect(stanceOf('The server keeps no access logs.', 'collection')).toBe('denies');
  });

  it('the "do not" inside "Do Not Track" is not a negation', () => {
    expect(stanceOf('We honor Do Not Track signals.', 'dnt')).toBe('affirms');
    expect(stanceOf('We do not respond to Do Not Track signals.', 'dnt')).toBe('denies');
  });

  it('affirmations stay affirmations', () => {
    expect(stanceOf('We use cookies to keep you signed in.', 'cookies')).toBe('affirms');
    expect(stanceOf('Our shop uses cookies to remember your cart.', 'cookies')).toBe('affirms');
  });

  it('a double negation is low confidence, never a clean denial', () => {
    const claim = claimOf('We do not use no cookies.', 'cookies');
    expect(claim?.confidence).toBe('low');
  });
});

describe('hedges', () => {
  it.each([
    ['may', 'We may use cookies.'],
    ['might', 'We might use cookies to improve the site.'],
    ['from time to time', 'From time to time we use cookies for surveys.'],
    ['could', 'Our partners could set cookies on this site.'],
  ])('%s permits', (_name, text) => {
    expect(stanceOf(text, 'cookies')).toBe('permits');
  });

  it('a negated hedge is a denial', () => {
    expect(stanceOf('Our website might not respond to Do Not Track signals.', 'dnt')).toBe('denies');
  });
});

describe('conditionals', () => {
  it('if you ..., we ... is conditional', () => {
    expect(stanceOf('If you accept analytics cookies, we load Google Analytics.', 'analytics')).toBe('conditional');
    expect(stanceOf('If you write to me, I keep your email address so I can reply.', 'collection')).toBe('conditional');
  });

  it('with your consent is conditional', () => {
    expect(stanceOf('With your consent, we set analytics cookies.', 'cookies')).toBe('conditional');
  });

  it('the user switching cookies off is not a cookie claim', () => {
    expect(stanceOf('If you disable cookies, some features will not work.', 'cookies')).toBeNull();
    expect(stanceOf('You can choose to turn off all cookies in your browser settings.', 'cookies')).toBeNull();
  });
});

describe('scope', () => {
  it('except strictly necessary cookies', () => {
    const claim = claimOf('We do not use cookies, except strictly necessary cookies.', 'cookies');
    expect(claim?.stance).toBe('denies');
    expect(claim?.scope.excludes).toContain('strictly-necessary');
  });

  it('no tracking cookies limits the denial', () => {
    const claim = claimOf('We use no tracking cookies.', 'tracking-cookies');
    expect(claim?.stance).toBe('denies');
    expect(claim?.scope.limitedTo).toContain('tracking');
  });

  it('beyond basic Google Analytics excludes analytics', () => {
    const claim = claimOf('We do not track you beyond basic Google Analytics.', 'third-party-tracking');
    expect(claim?.stance).toBe('denies');
    expect(claim?.scope.excludes).toContain('analytics');
  });

  it('for account holders only', () => {
    const claim = claimOf('We set a session cookie for account holders only.', 'cookies');
    expect(claim?.scope.limitedTo).toEqual(expect.arrayContaining(['session', 'account-holders']));
  });

  it('anonymized data', () => {
    const claim = claimOf('We may share this anonymized data with researchers.', 'sharing');
    expect(claim?.stance).toBe('permits');
    expect(claim?.scope.limitedTo).toContain('anonymized');
  });

  it('unless the law requires is an exception, not a condition', () => {
    const claim = claimOf('We will not pass your details to any other organisation unless the law requires us to.', 'sharing');
    expect(claim?.stance).toBe('denies');
    expect(claim?.scope.excludes).toContain('legal requirement');
  });
});

describe('question headings', () => {
  it.each([
    ['We do not.', 'denies'],
    ['No.', 'denies'],
    ['Never.', 'denies'],
    ["We don't.", 'denies'],
    ['Yes.', 'affirms'],
  ])('"%s" answers the heading', (answer, stance) => {
    expect(stanceOf(`Do we use cookies?\n\n${answer}\n`, 'cookies')).toBe(stance);
  });

  it('a question is never a claim itself', () => {
    expect(stanceOf('Do we use cookies?\n', 'cookies')).toBeNull();
  });

  it('the heading gives the topic in markdown', () => {
    const text = '## Do we sell your data?\n\nNever.\n\n## Is there third-party tracking?\n\nThere isn\'t.\n';
    expect(stanceOf(text, 'sale', 'markdown')).toBe('denies');
    expect(stanceOf(text, 'third-party-tracking', 'markdown')).toBe('denies');
  });
});

describe('traps', () => {
  it('the negation may be the first word of the practice', () => {
    expect(stanceOf('No tracking takes place on this site.', 'third-party-tracking')).toBe('denies');
    expect(stanceOf('No advertising, no tracking pixels and no third-party scripts are loaded.', 'third-party-tracking')).toBe('denies');
  });

  it('an outer negation cancels an inner one, with low confidence', () => {
    const claim = claimOf('It is not the case that we do not use cookies.', 'cookies');
    expect(claim).toMatchObject({ stance: 'affirms', confidence: 'low' });
  });

  it('a self-cancelling "not not" is not read', () => {
    expect(stanceOf("We don't not collect things for the sake of it.", 'collection')).toBeNull();
  });

  it('idioms with "not" or "never" that deny nothing', () => {
    expect(stanceOf('Not all of the cookies we use are strictly necessary.', 'cookies')).toBe('affirms');
    expect(stanceOf('We never use more than four cookies at a time.', 'cookies')).toBe('affirms');
  });

  it('a hedge in a later relative clause does not make the practice a hedge', () => {
    expect(stanceOf('We collect information that could reasonably be linked to you.', 'collection')).toBe('affirms');
  });

  it('browsing is not a condition', () => {
    expect(stanceOf("If you just browse, we don't collect anything about you.", 'collection')).toBe('denies');
  });

  it('section numbers do not hide a sentence-initial condition', () => {
    expect(stanceOf('8.3 With your consent, we use Google Analytics cookies.', 'cookies')).toBe('conditional');
  });

  it('only with your consent is conditional', () => {
    expect(stanceOf('We share your details with your insurer only with your written consent.', 'sharing')).toBe('conditional');
  });
});
