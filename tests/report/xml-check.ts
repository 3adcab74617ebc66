/**
 * A small, strict XML 1.0 well-formedness checker for the JUnit tests: legal characters
 * only, one root, matched and nested tags, quoted unique attributes, only the predefined
 * entities and character references to legal characters, no `]]>` in text. Cheerio's
 * xmlMode forgives all of these, so it cannot be the judge. Returns problems, [] if none.
 */
/* eslint-disable no-control-regex -- matching control characters is the point here */

const LEGAL_CHAR = /^[\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;
const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*/;

function legalCodePoint(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function checkText(text: string, where: string, problems: string[], inAttribute: boolean): void {
  if (text.includes('<')) problems.push(`raw < in ${where}`);
  if (!inAttribute && text.includes(']]>')) problems.push(`]]> in ${where}`);
  for (const m of text.matchAll(/&([^;]*);?/g)) {
    const body = m[1] ?? '';
    if (!m[0].endsWith(';')) {
      problems.push(`bare & in ${where}`);
      continue;
    }
    if (['amp', 'lt', 'gt', 'quot', 'apos'].includes(body)) continue;
    const ref = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
    if (!ref) {
      problems.push(`unknown entity &${body}; in ${where}`);
      continue;
    }
    const cp = ref[1] !== undefined ? parseInt(ref[1], 16) : parseInt(ref[2]!, 10);
    if (!legalCodePoint(cp)) problems.push(`reference to illegal character ${cp} in ${where}`);
  }
}

export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  if (!LEGAL_CHAR.test(xml)) problems.push('illegal XML 1.0 character (or lone surrogate)');
  let rest = xml.replace(/^<\?xml[^?]*\?>/, '');
  if (rest === xml) problems.push('missing XML declaration');
  const stack: string[] = [];
  let roots = 0;
  while (rest.length) {
    const lt = rest.indexOf('<');
    const text = lt === -1 ? rest : rest.slice(0, lt);
    if (stack.length === 0 && text.trim()) problems.push('text outside the root element');
    checkText(text, 'text', problems, false);
    if (lt === -1) break;
    rest = rest.slice(lt);
    if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end === -1) return [...problems, 'unterminated comment'];
      rest = rest.slice(end + 3);
      continue;
    }
    if (rest.startsWith('<![CDATA[')) {
      const end = rest.indexOf(']]>');
      if (end === -1) return [...problems, 'unterminated CDATA'];
      rest = rest.slice(end + 3);
      continue;
    }
    const closing = rest.startsWith('</');
    const nameMatch = NAME.exec(rest.slice(closing ? 2 : 1));
    if (!nameMatch) return [...problems, `bad tag near ${JSON.stringify(rest.slice(0, 30))}`];
    const name = nameMatch[0];
    rest = rest.slice((closing ? 2 : 1) + name.length);
    if (closing) {
      const close = /^\s*>/.exec(rest);
      if (!close) return [...problems, `bad end tag ${name}`];
      rest = rest.slice(close[0].length);
      if (stack.pop() !== name) return [...problems, `mismatched end tag ${name}`];
      continue;
    }
    const seen = new Set<string>();
    for (;;) {
      const end = /^\s*(\/?)>/.exec(rest);
      if (end) {
        rest = rest.slice(end[0].length);
        if (stack.length === 0) roots++;
        if (!end[1]) stack.push(name);
        break;
      }
      const attr = /^\s+([A-Za-z_:][A-Za-z0-9_.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(rest);
      if (!attr) return [...problems, `bad attribute in <${name}> near ${JSON.stringify(rest.slice(0, 40))}`];
      if (seen.has(attr[1]!)) problems.push(`duplicate attribute ${attr[1]} in <${name}>`);
      seen.add(attr[1]!);
      checkText(attr[3] ?? attr[4] ?? '', `attribute ${attr[1]}`, problems, true);
      rest = rest.slice(attr[0].length);
    }
  }
  if (stack.length) problems.push(`unclosed elements: ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`expected one root element, found ${roots}`);
  return problems;
}
