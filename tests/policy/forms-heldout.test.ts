/**
 * Claim-extraction forms found by the three blind held-out policy sets, each pinned by a
 * sentence of the kind that was misread (forms.test.ts has the forms found while building).
 */
import { describe, expect, it } from 'vitest';
import { claimOf, claimsOf, stanceOf } from './helpers.js';

describe('forms found by the blind held-out set', () => {
  it('mobile SDK vendors are known: an ad SDK included in the app is third-party tracking', () => {
    expect(stanceOf('Our games include Google AdMob and Firebase Analytics.', 'third-party-tracking')).toBe('affirms');
    expect(claimOf('Our games include Google AdMob and Firebase Analytics.', 'named-vendor')?.vendors).toEqual(['Google/Doubleclick Ads', 'Firebase']);
  });

  it('personalised ads based on activity in other apps track', () => {
    expect(stanceOf('The ad network may show you personalised ads based on your activity in other apps.', 'third-party-tracking')).toBe('permits');
  });

  it('", and <vendor> collects" starts a clause a hedge before it does not reach', () => {
    expect(stanceOf('AdMob may use the advertising ID, and Firebase Analytics collects information about how you play.', 'collection')).toBe('affirms');
  });

  it('"handled by <someone>, who collects ..." is a hand-over and the other party collecting', () => {
    const claims = claimsOf('Billing is handled by our reseller, who collects your billing address and card details.');
    expect(claims.find((c) => c.topic === 'sharing')?.stance).toBe('affirms');
    expect(claims.find((c) => c.topic === 'collection')?.actor).toBe('third-party');
  });

  it('asking for consent is not collection', () => {
    expect(stanceOf('Where the law requires consent, we ask for it before the SDKs start.', 'collection')).toBeNull();
  });

  it('"session recording tools" and "client records" are nouns, not collection', () => {
    expect(stanceOf('We don’t use third-party trackers or session recording tools.', 'collection')).toBeNull();
    expect(stanceOf('For the client records that our customers upload, we act as a processor.', 'collection')).toBeNull();
  });

  it('"we process the data that you upload" is collection', () => {
    expect(stanceOf('We process the invoice data that you upload only to provide the service.', 'collection')).toBe('affirms');
  });

  it('"we don\'t knowingly take orders from them" denies collection', () => {
    expect(stanceOf("Our shop is not for children under 13 and we don't knowingly take orders from them.", 'collection')).toBe('denies');
  });

  it('"Just the one ..." answers a cookie question with a limited yes', () => {
    expect(stanceOf('## Does the website use cookies?\n\nJust the one our order form needs to remember your basket.', 'cookies', 'markdown')).toBe('affirms');
  });

  it('"Who sees my details?" gives its answer the sharing topic', () => {
    expect(stanceOf('## Who sees my details?\n\nOnly our staff and, for deliveries, our driver.', 'sharing', 'markdown')).toBe('affirms');
  });

  it('a noun phrase under a collection heading lists data', () => {
    expect(stanceOf('## Information the app collects\n\nCrash logs, which include your device model and operating system version.', 'collection', 'markdown')).toBe('affirms');
  });
});

describe('forms found by the second blind held-out set', () => {
  it('a hedge on a second verb ("and may collect") does not reach the first', () => {
    expect(stanceOf('Hotjar sets cookies on your browser and may collect your IP address.', 'cookies')).toBe('affirms');
    expect(stanceOf('Our partners, including Google and Criteo, may place cookies on your device.', 'cookies')).toBe('permits');
  });

  it('"nothing for a Do Not Track signal to turn off" is a moot signal: not honoured', () => {
    expect(stanceOf('We track no one across other sites, so there is nothing for a Do Not Track signal to turn off.', 'dnt')).toBe('denies');
  });

  it('"The same goes for GPC." takes the stance given to DNT', () => {
    const text = 'We track no one across other sites, so there is nothing for a Do Not Track signal to turn off. The same goes for Global Privacy Control.';
    expect(stanceOf(text, 'gpc')).toBe('denies');
  });

  it('"X hold that information, not us" denies collection', () => {
    expect(stanceOf('The referring agencies hold that information, not us.', 'collection')).toBe('denies');
  });

  it('card details that "go straight to" a processor are shared with it', () => {
    expect(stanceOf('Your card details go straight to Stripe and never touch our systems.', 'sharing')).toBe('affirms');
  });

  it('data "stored in <vendor>" is collected and shared', () => {
    const claims = claimsOf('If you join the mailing list, your email address is stored in Mailchimp.');
    expect(claims.find((c) => c.topic === 'sharing')?.stance).toBe('conditional');
    expect(claims.find((c) => c.topic === 'collection')?.stance).toBe('conditional');
  });

  it('telemetry that is "off by default" is not collected by default', () => {
    expect(stanceOf('Usage telemetry is off by default.', 'collection')).toBe('denies');
  });

  it('a tool that sends events, and reports that never include data', () => {
    expect(stanceOf('If you turn telemetry on, the CLI sends an anonymous event when a command finishes.', 'collection')).toBe('conditional');
    expect(stanceOf('The event never includes file names or your IP address.', 'collection')).toBe('denies');
    expect(stanceOf('This does not include data we must keep for legal reasons.', 'collection')).toBeNull();
  });
});

describe('forms found by the third blind held-out set', () => {
  it('a run-in label ("Do Not Track / GPC.") is a heading for its answer and no claim itself', () => {
    const claims = claimsOf('I keep this blog small and simple.\n\n**Do Not Track / GPC.** Honoured by default, because there is nothing here to opt out of.', 'markdown');
    expect(claims.filter((c) => c.topic === 'dnt' || c.topic === 'gpc').map((c) => [c.topic, c.stance, c.quote.slice(0, 9)])).toEqual([
      ['dnt', 'affirms', 'Honoured '],
      ['gpc', 'affirms', 'Honoured '],
    ]);
  });

  it('"None at all, not even ..." answers a cookie question with a denial', () => {
    expect(stanceOf('I keep this blog small and simple.\n\n**Cookies?** None at all, not even for the comment form.', 'cookies', 'markdown')).toBe('denies');
  });

  it('tracking cookies named in an "unless you agree" exception are set on consent', () => {
    const text = 'The website sets no cookies unless you agree to analytics cookies in the banner.';
    expect(stanceOf(text, 'cookies')).toBe('denies');
    expect(stanceOf(text, 'tracking-cookies')).toBe('conditional');
    expect(stanceOf('We do not use cookies for analytics or advertising.', 'tracking-cookies')).toBe('denies');
  });

  it('"Should you agree, <tracker> cookies will be placed" is conditional tracking', () => {
    expect(stanceOf('Should you agree, Google Analytics cookies will be placed on your device.', 'third-party-tracking')).toBe('conditional');
  });

  it('a body that speaks of itself as "the Council" is the first party, even beside "by law"', () => {
    expect(stanceOf('The Council will not share your personal data with any other organisation save where required by law.', 'sharing')).toBe('denies');
    expect(stanceOf('The Council will not share your personal data with any other organisation save where required by law.', 'collection')).toBeNull();
  });

  it('"hosted on <vendor>, which processes this information" is a hand-over', () => {
    const claims = claimsOf('Our store is hosted on Shopify, which processes this information on our behalf.');
    expect(claims.find((c) => c.topic === 'sharing')?.stance).toBe('affirms');
    expect(claims.find((c) => c.topic === 'collection')).toBeUndefined();
  });

  it('"we and our partners automatically collect" is third-party tracking', () => {
    expect(stanceOf('When you browse, we and our partners automatically collect information about your device.', 'third-party-tracking')).toBe('affirms');
  });

  it('data fetched and shown under an article is collected and made public', () => {
    const text = 'If you reply through webmentions, your name and the text of your post are fetched from your site and shown under my article.';
    expect(stanceOf(text, 'collection')).toBe('conditional');
    expect(stanceOf(text, 'sharing')).toBe('conditional');
  });

  it('a quoted "sale" under state law is a hedged sale', () => {
    expect(stanceOf('Our use of advertising pixels may be considered a “sale” of personal information under the CCPA.', 'sale')).toBe('permits');
  });
});
