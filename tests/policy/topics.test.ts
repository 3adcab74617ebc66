import { describe, expect, it } from 'vitest';
import { claimOf, claimsOf, stanceOf } from './helpers.js';

describe('vendors', () => {
  it('maps names in the text to third-party-web entities', () => {
    const claim = claimOf('We use Google Analytics and the Meta Pixel to measure our ads.', 'named-vendor');
    expect(claim?.stance).toBe('affirms');
    expect(claim?.vendors).toEqual(['Google Analytics', 'Facebook']);
    expect(claimOf('Payments are handled by Stripe; spam is stopped by hCaptcha.', 'named-vendor')?.vendors).toEqual(['Stripe', 'hCaptcha']);
    expect(claimOf('We record sessions with Microsoft Clarity.', 'named-vendor')?.vendors).toEqual(['Clarity']);
  });

  it('a vendor named inside a denial is denied, not disclosed', () => {
    const text = 'We do not use Google Analytics, Facebook pixels or any other tracking service.';
    expect(claimOf(text, 'named-vendor')).toMatchObject({ stance: 'denies', vendors: ['Google Analytics', 'Facebook'] });
    expect(stanceOf(text, 'third-party-tracking')).toBe('denies');
    expect(stanceOf(text, 'analytics')).toBe('denies');
  });

  it('a tracker the site uses is third-party tracking; a cookieless counter is only analytics', () => {
    expect(stanceOf('Our website uses the Meta Pixel.', 'third-party-tracking')).toBe('affirms');
    expect(stanceOf('We count page views with Plausible.', 'analytics')).toBe('affirms');
    expect(stanceOf('We count page views with Plausible.', 'third-party-tracking')).toBeNull();
  });
});

describe('named cookies', () => {
  it('takes identifier-shaped names in a cookie context and knows their owners', () => {
    const claim = claimOf('Google Analytics sets its own cookies (_ga and _gid) to tell visits apart.', 'named-cookie');
    expect(claim?.cookies).toEqual(['_ga', '_gid']);
    expect(claim?.vendors).toEqual(['Google Analytics']);
    expect(claimOf('We keep your email address on file.', 'named-cookie')).toBeUndefined();
  });
});

describe('effective date', () => {
  it.each([
    ['Last updated: 14 March 2024', '2024-03-14'],
    ['Effective date: January 9, 2025', '2025-01-09'],
    ['Effective 2024-06-01.', '2024-06-01'],
    ['Updated on the 21st of August 2021', '2021-08-21'],
  ])('%s', (text, date) => {
    expect(claimOf(`${text}\n`, 'effective-date')?.date).toBe(date);
  });
});

describe('other disclosures', () => {
  it('change notification, with a hedge', () => {
    expect(stanceOf('We will notify users of any changes to this privacy policy by email.', 'change-notification')).toBe('affirms');
    expect(stanceOf('We may update this notice from time to time.', 'change-notification')).toBe('permits');
    expect(stanceOf('If we make material changes to this policy, we will email account holders.', 'change-notification')).toBe('affirms');
  });

  it('review process', () => {
    expect(stanceOf('You can access, correct or delete your account data by writing to us.', 'review-process')).toBe('affirms');
  });

  it('children', () => {
    expect(stanceOf('We do not knowingly collect information from children under 13.', 'children')).toBe('denies');
    expect(stanceOf('Our service is not directed at children under 16.', 'children')).toBe('denies');
  });

  it('GPC honoured and DNT not', () => {
    const claims = claimsOf('We treat a Global Privacy Control signal as a valid request to opt out of sale. We do not respond to Do Not Track signals.');
    expect(claims.find((c) => c.topic === 'gpc')?.stance).toBe('affirms');
    expect(claims.find((c) => c.topic === 'dnt')?.stance).toBe('denies');
  });

  it('a sentence that only describes DNT makes no claim', () => {
    expect(stanceOf('Do Not Track is a privacy preference that users can set in some web browsers.', 'dnt')).toBeNull();
    expect(stanceOf('There is no industry standard that defines how a website should respond to a Do Not Track request.', 'dnt')).toBeNull();
  });

  it('sale and sharing in one sentence', () => {
    const claims = claimsOf('We do not sell, trade, or rent your personal information to third parties.');
    expect(claims.find((c) => c.topic === 'sale')?.stance).toBe('denies');
    expect(claims.find((c) => c.topic === 'sharing')?.stance).toBe('denies');
  });

  it('collection with data types', () => {
    const claim = claimOf('We collect your name, email address, phone number and IP address.', 'collection');
    expect(claim?.stance).toBe('affirms');
    expect(claim?.dataTypes).toEqual(['name', 'email', 'phone', 'ip']);
  });

  it('law, explanations and meta statements make no claims', () => {
    expect(claimsOf('A cookie is a small text file that a website stores on your computer.')).toEqual([]);
    expect(claimsOf('CalOPPA requires commercial websites collecting personal information to post a privacy policy.')).toEqual([]);
    expect(claimOf('This policy explains how we collect and use your information.', 'collection')).toBeUndefined();
  });
});
