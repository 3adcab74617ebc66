/**
 * Forms of language the claim extractor must read right, one test per form: vendor and
 * audience scope, short answers under question headings, conditions inside one clause,
 * DNT/GPC paragraphs, data kept on the user's device, hand-overs to processors, list items.
 * Each sentence is original and written for the form, not taken from the corpus.
 */
import { describe, expect, it } from 'vitest';
import { claimOf, claimsOf, stanceOf } from './helpers.js';

describe('scope', () => {
  it('a vendor that "runs without cookies" denies cookies for that vendor only', () => {
    const claim = claimOf('Matomo runs without cookies on our setup and keeps visitor IP addresses anonymised.', 'cookies');
    expect(claim?.stance).toBe('denies');
    expect(claim?.actor).toBe('third-party');
    expect(claim?.scope.limitedTo).toEqual(['matomo']);
  });

  it('an audience word in another part of the sentence does not limit the cookies', () => {
    expect(claimOf('Plausible runs without cookies and stores only aggregated counts.', 'cookies')?.scope.limitedTo).not.toContain('aggregated');
  });

  it('persistent cookies limit the denial', () => {
    const claim = claimOf('We do not use persistent cookies.', 'cookies');
    expect(claim?.stance).toBe('denies');
    expect(claim?.scope.limitedTo).toEqual(['persistent']);
  });

  it('"under 16" in a lead label limits a collection denial to children', () => {
    const claim = claimOf('From members under 16: we do not collect a phone number or any contact details.', 'collection');
    expect(claim?.stance).toBe('denies');
    expect(claim?.scope.limitedTo).toContain('children');
  });

  it('a relative clause after the practice does not negate it', () => {
    expect(stanceOf('The shop uses essential cookies, which cannot be turned off.', 'cookies')).toBe('affirms');
    expect(stanceOf('Cookies are not used on the blog.', 'cookies')).toBe('denies');
  });
});

describe('short answers under question headings', () => {
  it('"Only one." is a limited yes', () => {
    expect(stanceOf('## Does the site set cookies?\n\nOnly one. It remembers your language.', 'cookies', 'markdown')).toBe('affirms');
  });

  it('"Never have, never will." after "No." still answers the heading', () => {
    const claims = claimsOf('## Do you sell customer lists?\n\nNo. Never have, never will.', 'markdown').filter((c) => c.topic === 'sale');
    expect(claims.map((c) => [c.quote, c.stance])).toEqual([
      ['No.', 'denies'],
      ['Never have, never will.', 'denies'],
    ]);
  });

  it('a generic tracking question gives its answer the third-party-tracking topic', () => {
    expect(stanceOf('## Is there any tracking here?\n\nNone.', 'third-party-tracking', 'markdown')).toBe('denies');
  });
});

describe('conditions', () => {
  it('a condition leading the clause makes a denial in its main part conditional', () => {
    expect(stanceOf('If you choose "Reject", the Hotjar script is never loaded.', 'third-party-tracking')).toBe('conditional');
  });

  it('"subject to your consent" is a condition, not a hedge', () => {
    expect(stanceOf('Subject to your consent, we may use analytics cookies from Google Analytics.', 'cookies')).toBe('conditional');
  });

  it('"If you connect <something>, we receive your ..." is conditional collection', () => {
    expect(stanceOf('If you link a calendar, we receive your event titles and times through Nylas.', 'collection')).toBe('conditional');
  });

  it('"If you don\'t want us to keep ..." is a user choice, not a collection denial', () => {
    const claims = claimsOf("If you don't want us to keep your wish list, email us and we'll delete it.");
    expect(claims.filter((c) => c.topic === 'collection')).toEqual([]);
  });
});

describe('DNT and GPC paragraphs', () => {
  it('a site that gives everyone the Do Not Track experience honours it', () => {
    expect(stanceOf('We run no trackers, so every reader already gets the Do Not Track experience.', 'dnt')).toBe('affirms');
  });

  it('"it doesn\'t matter whether your browser sends DNT or GPC" denies both', () => {
    const text = 'Since nothing here tracks you, it doesn’t matter whether your browser sends Do Not Track or Global Privacy Control: the site behaves the same either way.';
    expect(stanceOf(text, 'dnt')).toBe('denies');
    expect(stanceOf(text, 'gpc')).toBe('denies');
  });

  it('"we don\'t run trackers" beside a signal is a tracking denial', () => {
    expect(stanceOf('Because we don’t run trackers, Do Not Track makes no difference here.', 'third-party-tracking')).toBe('denies');
  });
});

describe('tracking', () => {
  it('"beyond basic Google Analytics" denies tracking but uses the analytics it names', () => {
    expect(stanceOf('We do not track members beyond basic Google Analytics.', 'third-party-tracking')).toBe('denies');
    expect(stanceOf('We do not track members beyond basic Google Analytics.', 'analytics')).toBe('affirms');
  });

  it('a passive "can\'t be tracked across" is a tracking denial', () => {
    expect(stanceOf('Open tracking is off by default, and subscribers can’t be tracked across other publications.', 'third-party-tracking')).toBe('denies');
  });

  it('a tracker vendor that sets cookies is third-party tracking', () => {
    expect(stanceOf('Hotjar sets its own cookies to recognise a returning browser.', 'third-party-tracking')).toBe('affirms');
  });

  it('an ad network showing interest-based ads tracks', () => {
    expect(stanceOf('Our ad network may show ads based on your interests.', 'third-party-tracking')).toBe('permits');
  });

  it('cookies an advertising partner sets are tracking cookies', () => {
    expect(stanceOf('Our advertising partner may set cookies when it serves an ad.', 'tracking-cookies')).toBe('permits');
  });
});

describe('cookie definitions', () => {
  it('a quoted definition makes no claim', () => {
    expect(stanceOf('"Cookies" are small files placed on your device by a website.', 'cookies')).toBeNull();
  });
});

describe('collection forms', () => {
  it('data kept on the user\'s device is not collected', () => {
    expect(stanceOf("The app keeps your drafts in your browser's local storage.", 'collection')).toBeNull();
    expect(stanceOf("Your drafts are stored in your browser's local storage, not on our servers.", 'collection')).toBe('denies');
  });

  it('"never leaves our server" denies sharing; "never leaves your device" denies collection', () => {
    expect(stanceOf('The visit counts never leave our own server.', 'sharing')).toBe('denies');
    expect(stanceOf('Your voice recording never leaves your phone unless you upload it.', 'collection')).toBe('denies');
  });

  it('a processor "which receives" the data is sharing, not collection', () => {
    const claims = claimsOf('Checkout goes through Paddle, which receives your card details directly.');
    expect(claims.find((c) => c.topic === 'sharing')?.stance).toBe('affirms');
    expect(claims.find((c) => c.topic === 'collection')).toBeUndefined();
  });

  it('a hand-over in one clause and the site\'s own denial in another are both kept', () => {
    const claims = claimsOf('Card payments are handled by Stripe; we never see or store your card number.');
    expect(claims.find((c) => c.topic === 'collection')?.stance).toBe('denies');
    expect(claims.find((c) => c.topic === 'sharing')?.stance).toBe('affirms');
  });

  it('"may ask you to provide" is hedged collection', () => {
    expect(stanceOf('We may ask you to provide personal information such as your email address.', 'collection')).toBe('permits');
  });

  it('"<category> may include <data>" is hedged collection', () => {
    expect(stanceOf('Usage Data may include your IP address, browser type and the pages you visit.', 'collection')).toBe('permits');
    expect(stanceOf('Usage data includes your IP address and browser type.', 'collection')).toBe('affirms');
  });

  it('a fronted negative denies the whole sentence', () => {
    expect(stanceOf('At no point, while you fill in the quiz or afterwards, are your answers sent to us.', 'collection')).toBe('denies');
  });

  it('"is not written to our logs" denies collection', () => {
    expect(stanceOf('Your IP address is used to serve the page but is not written to our logs.', 'collection')).toBe('denies');
  });

  it('retention that names the data is collection; retention of logs alone is not', () => {
    expect(stanceOf('We must keep your name and postal address for six years.', 'collection')).toBe('affirms');
    expect(stanceOf('We keep server logs for 30 days.', 'collection')).toBeNull();
  });

  it('items of a list after "we collect:" are collection, even without a known data type', () => {
    const text = '## Members\n\nFor members only, we collect:\n\n- your email address and a display name;\n- the playlists and notes you save;\n- the time of your last login.\n\n## Other';
    const quotes = claimsOf(text, 'markdown')
      .filter((c) => c.topic === 'collection')
      .map((c) => c.quote);
    expect(quotes).toContain('the playlists and notes you save;');
  });

  it('users of other kinds who "give us" data', () => {
    expect(stanceOf('Donors give us their name and postal address.', 'collection')).toBe('affirms');
  });
});

describe('more forms', () => {
  it('a question sentence right before its answer gives the answer its topic', () => {
    const text = 'What about Do Not Track? We respect it – but since we track nobody, it changes nothing.';
    expect(stanceOf(text, 'dnt')).toBe('affirms');
  });

  it('"Honoured." answers a question about a signal', () => {
    expect(stanceOf('## What about Global Privacy Control?\n\nSame answer: honoured, and there is nothing to opt out of.', 'gpc', 'markdown')).toBe('affirms');
  });

  it('"GPC: same as DNT." takes the stance given to DNT', () => {
    const text = 'Here is the full picture of this site and its server.\n\n- Do Not Track: not honoured, there is no standard for it.\n- GPC: same as DNT.';
    expect(claimsOf(text, 'markdown').find((c) => c.topic === 'gpc')?.stance).toBe(claimsOf(text, 'markdown').find((c) => c.topic === 'dnt')?.stance);
    expect(stanceOf(text, 'gpc', 'markdown')).toBe('denies');
  });

  it('a verbless "No cookies." list item denies cookies', () => {
    const text = 'Here is what this site does and does not do.\n\n- No cookies.\n- Not one, not even a consent cookie.';
    expect(claimsOf(text, 'markdown').filter((c) => c.topic === 'cookies').map((c) => c.stance)).toEqual(['denies', 'denies']);
  });

  it('a mailing service that records opens tracks readers', () => {
    expect(stanceOf('We send the newsletter with Mailchimp, and Mailchimp records which emails are opened.', 'third-party-tracking')).toBe('affirms');
  });

  it('a tracking affirmation beside a signal sentence is kept', () => {
    expect(stanceOf('The emails include a Mailchimp open-tracking pixel, which Do Not Track does not affect.', 'dnt')).toBe('denies');
    expect(stanceOf('The emails include a Mailchimp open-tracking pixel, which Do Not Track does not affect.', 'third-party-tracking')).toBe('affirms');
  });

  it('passive recording and capture are collection', () => {
    expect(stanceOf('When you phone the office, calls may be recorded for training.', 'collection')).toBe('permits');
    expect(stanceOf('If you visit the shop, images of you may be captured by our CCTV cameras.', 'collection')).toBe('permits');
  });

  it('"Trackers" as an item of a data list is no tracking claim', () => {
    expect(stanceOf('Personal data processed: usage data; trackers.', 'third-party-tracking')).toBeNull();
  });

  it('"you" as an object does not make the user the subject', () => {
    expect(stanceOf('We might use these cookies to show you offers on other websites.', 'third-party-tracking')).toBe('permits');
  });

  it('data given by the user and stored by a processor is collection and sharing', () => {
    const claims = claimsOf('Members give us their name and card details, which are stored by Stripe.');
    expect(claims.find((c) => c.topic === 'collection')?.stance).toBe('affirms');
    expect(claims.find((c) => c.topic === 'sharing')?.stance).toBe('affirms');
  });
});

describe('collection: requirements, hypotheticals and limited answers', () => {
  it('"cannot ... without giving us" is a requirement, so the data is collected', () => {
    expect(stanceOf('You cannot open an account without giving us your email address.', 'collection')).toBe('affirms');
  });

  it('a hypothetical "If we learn that ..." or "If we add a cookie" states no practice', () => {
    expect(stanceOf('If we learn that we have collected data from a child, we will delete it.', 'collection')).toBeNull();
    expect(stanceOf('If we add a cookie, we will update this page before it is first set.', 'cookies')).toBeNull();
  });

  it('"That\'s the only personal information I hold" affirms what is held', () => {
    expect(stanceOf("That's the only personal information I hold, and I will not share it.", 'collection')).toBe('affirms');
  });

  it('"we do not hold any" denies collection', () => {
    expect(stanceOf('We cannot share information that identifies you, because we do not hold any.', 'collection')).toBe('denies');
  });

  it('an email that stays in our mailbox is collected when you send it', () => {
    expect(stanceOf('If you email us, your message stays in our mailbox and nowhere else.', 'collection')).toBe('conditional');
  });

  it('"Only in server logs." answers a collection question with a limited yes', () => {
    expect(stanceOf('## Do you keep my IP address?\n\nOnly in server logs, for 7 days.', 'collection', 'markdown')).toBe('affirms');
  });

  it('someone else collecting on their own behalf is not the site collecting', () => {
    expect(stanceOf('Formpad lets teams build surveys and collect answers.', 'collection')).toBeNull();
  });

  it('retention without naming the data is not collection', () => {
    expect(stanceOf('No purpose here requires us keeping your personal information for longer than needed.', 'collection')).toBeNull();
  });
});
