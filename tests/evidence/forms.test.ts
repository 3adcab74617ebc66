import { describe, expect, it } from 'vitest';
import { classifyField } from '../../src/evidence/forms.js';
import { page } from './helpers.js';

describe('form fields that collect personal data', () => {
  it('classifies by type, autocomplete, name, id, label and placeholder', () => {
    const ev = page(`<form action="/signup" method="post" id="signup">
      <input type="email" name="contact">
      <input name="x1" autocomplete="shipping street-address">
      <input name="given" autocomplete="given-name">
      <input name="phoneNumber">
      <input id="zip-code">
      <label for="cc">Card number</label><input id="cc" name="f7">
      <label>Date of birth <input name="f8" type="date"></label>
      <input name="f9" placeholder="Your full name">
      <textarea name="message"></textarea>
      <select name="country_name" autocomplete="country"><option>US</option></select>
      <input type="tel" name="t" required>
    </form>`);
    expect(ev.forms).toHaveLength(1);
    const form = ev.forms[0]!;
    expect(form).toMatchObject({ action: 'https://shop.example.com/signup', method: 'post', id: 'signup' });
    expect(form.fields.map((f) => [f.name, f.dataType])).toEqual([
      ['contact', 'email'], ['x1', 'address'], ['given', 'name'], ['phoneNumber', 'phone'], [undefined, 'address'],
      ['f7', 'payment'], ['f8', 'birthdate'], ['f9', 'name'], ['country_name', 'address'], ['t', 'phone'],
    ]);
    expect(form.fields.find((f) => f.name === 'f7')?.label).toBe('Card number');
    expect(form.fields.find((f) => f.name === 't')?.required).toBe(true);
    expect(form.fields.find((f) => f.name === 'x1')?.autocomplete).toBe('street-address');
  });

  it('ignores hidden, submit, CSRF tokens, search boxes and non-personal fields', () => {
    const ev = page(`<form action="/search" role="search"><input name="q"><input type="email" name="e"></form>
      <form action="/x"><input type="hidden" name="email"><input type="submit" value="Email us"><input name="csrf_token">
      <input name="_wpnonce"><input type="search" name="name"><input name="username"><input name="company_name"><input type="password" name="pw"></form>`);
    expect(ev.forms).toEqual([]);
  });

  it('a form with no personal fields is not reported; its action is still a resource', () => {
    const ev = page('<form action="https://pay.example.net/go"><input name="quantity"></form>');
    expect(ev.forms).toEqual([]);
    expect(ev.resources.map((r) => [r.url, r.kind])).toEqual([['https://pay.example.net/go', 'form']]);
  });

  it('fields outside any form become a detached group; form= attribute joins its form', () => {
    const ev = page(`<form id="f1" action="/a"></form><input name="email" form="f1"><div><input type="email" name="newsletter"></div>`);
    expect(ev.forms.map((f) => [f.action, f.method, f.detached ?? false, f.fields.map((x) => x.name)])).toEqual([
      ['https://shop.example.com/a', 'get', false, ['email']],
      ['https://shop.example.com/', 'none', true, ['newsletter']],
    ]);
  });

  it('a form without action posts to the page itself', () => {
    expect(page('<form method="POST"><input name="email"></form>').forms[0]?.action).toBe('https://shop.example.com/');
  });

  it('classifyField: hotel is not tel, username is not a name', () => {
    expect(classifyField({ tag: 'input', name: 'hotel' })).toBeNull();
    expect(classifyField({ tag: 'input', name: 'userName' })).toBeNull();
    expect(classifyField({ tag: 'input', name: 'lastName' })?.dataType).toBe('name');
    expect(classifyField({ tag: 'input', name: 'e-mail' })?.dataType).toBe('email');
  });
});
