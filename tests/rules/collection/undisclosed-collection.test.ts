// Tests for collection/undisclosed-collection: data-type and audience scope, disclosure elsewhere.
import rule from '../../../rules/collection/undisclosed-collection.js';
import { claim, context, field, form, page, url } from '../../helpers/evidence-builders.js';
import { describe, expect, it } from 'vitest';
import { ruleTester } from '../../helpers/rule-tester.js';

const collectNothing = () =>
  claim('collection', 'denies', { id: 'deny', quote: 'We do not collect information from visitors of our site.', scope: { excludes: [], limitedTo: ['visitors'] } });
const contactForm = () => form('/contact', [field('name'), field('email'), field('other-personal', { name: 'message', type: 'textarea' })]);

ruleTester(rule, {
  valid: [
    { name: 'the policy affirms collection', context: context({ claims: [claim('collection', 'affirms')], pages: [page({ forms: [contactForm()] })] }) },
    { name: 'hedged "we may collect" is not a denial', context: context({ claims: [claim('collection', 'permits')], pages: [page({ forms: [contactForm()] })] }) },
    {
      name: 'a denial scoped to children does not reach a general form',
      context: context({ claims: [claim('collection', 'denies', { scope: { excludes: [], limitedTo: ['children under 13'] } })], pages: [page({ forms: [contactForm()] })] }),
    },
    {
      name: '"we do not collect data anonymously browsing" (anonymous) does not reach forms',
      context: context({ claims: [claim('collection', 'denies', { scope: { excludes: [], limitedTo: ['anonymously'] } })], pages: [page({ forms: [contactForm()] })] }),
    },
    { name: 'a denial about payment data does not reach email and name', context: context({ claims: [claim('collection', 'denies', { dataTypes: ['payment information'] })], pages: [page({ forms: [contactForm()] })] }) },
    { name: 'a denial about IP addresses reaches no form field', context: context({ claims: [claim('collection', 'denies', { dataTypes: ['IP addresses'] })], pages: [page({ forms: [form('/order', [field('address')])] })] }) },
    { name: 'a denial about partners', context: context({ claims: [claim('collection', 'denies', { actor: 'third-party' })], pages: [page({ forms: [contactForm()] })] }) },
    {
      name: '"not without your consent": a visitor typing into a form consents',
      context: context({ claims: [claim('collection', 'denies', { scope: { excludes: ['with permission'], limitedTo: [] } })], pages: [page({ forms: [contactForm()] })] }),
    },
    { name: 'a denial about location and IP (extractor data types) reaches no address field', context: context({ claims: [claim('collection', 'denies', { dataTypes: ['location', 'ip'] })], pages: [page({ forms: [form('/order', [field('address')])] })] }) },
    {
      name: 'a purpose-limited denial ("for marketing purposes") does not reach a contact form',
      context: context({ claims: [claim('collection', 'denies', { scope: { excludes: [], limitedTo: ['marketing'] } })], pages: [page({ forms: [contactForm()] })] }),
    },
    {
      name: 'a denial about sensitive data or about other sources than the visitor does not reach a contact form',
      context: context({
        claims: [claim('collection', 'denies', { quote: 'We do not process sensitive personal information.' }), claim('collection', 'denies', { quote: 'We do not receive any information from third parties.' })],
        pages: [page({ forms: [contactForm()] })],
      }),
    },
    {
      name: 'a denial read from the same sentence as a children claim is about children',
      context: context({
        claims: [
          claim('collection', 'denies', { id: 'kid', quote: 'We do not collect personal information from children under 13.', location: { url: 'https://shop.example/privacy', line: 90 } }),
          claim('children', 'denies', { quote: 'We do not collect personal information from children under 13.', location: { url: 'https://shop.example/privacy', line: 90 } }),
        ],
        pages: [page({ forms: [contactForm()] })],
      }),
    },
    {
      name: 'a denial whose sentence is about children ("from them")',
      context: context({ claims: [claim('collection', 'denies', { quote: 'PulsePath is not for children under 13 and we do not knowingly collect personal information from them.' })], pages: [page({ forms: [contactForm()] })] }),
    },
    { name: 'a search form collects nothing personal', context: context({ claims: [collectNothing()], pages: [page({ forms: [form('/search', [], 'get')] })] }) },
  ],
  invalid: [
    {
      name: '"we collect nothing" and a contact form on two pages: one finding',
      context: context({ claims: [collectNothing()], pages: [page({ forms: [contactForm()] }), page({ url: url('/about'), forms: [contactForm()] })] }),
      findings: [{ messageId: 'formCollects', severity: 'error', evidenceKey: 'form:/contact:email,name,other-personal', urls: [url('/'), url('/about')], claimId: 'deny' }],
    },
    {
      name: 'email disclosed elsewhere in the policy: a warning',
      context: context({
        claims: [collectNothing(), claim('collection', 'affirms', { dataTypes: ['email address'], quote: 'We collect your email address in order to send information.' })],
        pages: [page({ forms: [form('/subscribe', [field('email')])] })],
      }),
      findings: [{ messageId: 'formCollects', severity: 'warning', evidenceKey: 'form:/subscribe:email' }],
    },
    {
      name: 'dataTypes limit the denial: phone only',
      context: context({ claims: [claim('collection', 'denies', { dataTypes: ['phone number'] })], pages: [page({ forms: [form('/signup', [field('email'), field('phone')])] })] }),
      findings: [{ messageId: 'formCollects', severity: 'error', evidenceKey: 'form:/signup:phone' }],
    },
    {
      name: 'a low-confidence denial gives a warning',
      context: context({ claims: [claim('collection', 'denies', { confidence: 'low' })], pages: [page({ forms: [form('/signup', [field('email')])] })] }),
      findings: [{ messageId: 'formCollects', severity: 'warning' }],
    },
    {
      name: 'an exception the rule cannot place ("except when you contact us") gives a warning',
      context: context({ claims: [claim('collection', 'denies', { scope: { excludes: ['when you contact us'], limitedTo: [] } })], pages: [page({ forms: [contactForm()] })] }),
      findings: [{ messageId: 'formCollects', severity: 'warning' }],
    },
    {
      name: 'an exception naming email leaves the other types',
      context: context({ claims: [claim('collection', 'denies', { scope: { excludes: ['your email address'], limitedTo: [] } })], pages: [page({ forms: [form('/order', [field('email'), field('address'), field('payment')])] })] }),
      findings: [{ messageId: 'formCollects', severity: 'error', evidenceKey: 'form:/order:address,payment' }],
    },
    {
      name: 'different actions and different field sets are separate findings; an empty action is the page',
      context: context({
        claims: [collectNothing()],
        pages: [
          page({ forms: [form('/subscribe', [field('email')]), form('/contact', [field('email')])] }),
          page({ url: url('/shop'), forms: [form('/subscribe', [field('email'), field('name')]), { action: '', method: 'post', fields: [field('phone')] }] }),
        ],
      }),
      findings: [
        { messageId: 'formCollects', evidenceKey: 'form:/subscribe:email' },
        { messageId: 'formCollects', evidenceKey: 'form:/contact:email' },
        { messageId: 'formCollects', evidenceKey: 'form:/subscribe:email,name', urls: [url('/shop')] },
        { messageId: 'formCollects', evidenceKey: 'form:/shop:phone' },
      ],
    },
    {
      name: '"unless the law requires" does not soften a denial',
      context: context({ claims: [claim('collection', 'denies', { dataTypes: ['email', 'other'], scope: { excludes: ['legal requirement'], limitedTo: [] } })], pages: [page({ forms: [contactForm()] })] }),
      findings: [{ messageId: 'formCollects', severity: 'error', evidenceKey: 'form:/contact:email,other-personal' }],
    },
    {
      name: 'only free-text fields: a warning',
      context: context({ claims: [collectNothing()], pages: [page({ forms: [form('/feedback', [field('other-personal', { name: 'comments' })])] })] }),
      findings: [{ messageId: 'formCollects', severity: 'warning', evidenceKey: 'form:/feedback:other-personal' }],
    },
  ],
});

describe('collection/undisclosed-collection evidence', () => {
  it('shows the form action, method and the personal-data fields only', () => {
    const [finding] = rule.check(
      context({ claims: [claim('collection', 'denies', { dataTypes: ['email address'] })], pages: [page({ forms: [form('/join', [field('email', { label: 'Your email' }), field('name')])] })] }),
    );
    expect(finding?.evidence).toEqual({
      form: { action: url('/join'), method: 'post', fields: [{ name: 'email', type: 'email', label: 'Your email', dataType: 'email' }] },
      dataTypes: ['email'],
    });
  });
});
