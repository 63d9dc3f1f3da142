import { describe, expect, it } from 'vitest';
import { linkify, safeHref } from './links';

describe('links in an incident’s details', () => {
  it('turns http and https addresses into links, leaving sentence punctuation out', () => {
    expect(linkify('See https://grafana.example.com/d/abc?x=1, then http://x.test/a.')).toEqual([
      { text: 'See ' },
      {
        text: 'https://grafana.example.com/d/abc?x=1',
        href: 'https://grafana.example.com/d/abc?x=1',
      },
      { text: ', then ' },
      { text: 'http://x.test/a', href: 'http://x.test/a' },
      { text: '.' },
    ]);
  });

  it('keeps a bracket the address opened, and drops one around it', () => {
    expect(linkify('(https://en.wikipedia.org/wiki/Foo_(bar))')).toEqual([
      { text: '(' },
      {
        text: 'https://en.wikipedia.org/wiki/Foo_(bar)',
        href: 'https://en.wikipedia.org/wiki/Foo_(bar)',
      },
      { text: ')' },
    ]);
  });

  it('leaves other schemes as text', () => {
    expect(linkify('javascript:alert(1) data:text/html,hi ftp://x')).toEqual([
      { text: 'javascript:alert(1) data:text/html,hi ftp://x' },
    ]);
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('https://ok.test/')).toBe('https://ok.test/');
  });

  it('gives plain text back whole', () => {
    expect(linkify('nothing to see')).toEqual([{ text: 'nothing to see' }]);
    expect(linkify('')).toEqual([]);
  });
});
