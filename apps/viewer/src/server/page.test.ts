import { describe, expect, it } from 'vitest';
import { escapeHtml, scriptSafeJson, staticPage } from './page.js';

describe('static page pieces', () => {
  it('JSON for a script element never contains <, > or & and parses back to the same value', () => {
    const value = { text: '</script><!--<script>&amp;\u2028\u2029', n: -0, u: '𝔘' };
    const json = scriptSafeJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual({ ...value, n: 0 });
  });

  it('escapes titles and keeps a hostile script out of the markup', async () => {
    expect(escapeHtml(`<a href="x">'&`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;');
    const page = await staticPage(
      '<title>',
      { a: '</script>' },
      'var s = "</script><!--<script>";',
    );
    expect(page).not.toContain('</script><!--');
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    const source = /src="data:text\/javascript;base64,([^"]+)"/.exec(page)![1]!;
    expect(Buffer.from(source, 'base64').toString('utf8')).toBe('var s = "</script><!--<script>";');
    expect(page).not.toContain('trace-graphviz-worker');
  });

  it('carries the graph worker as inert base64 text when given one', async () => {
    const worker = 'self.x = "</script><script>alert(1)</script>";';
    const page = await staticPage('t', {}, 'var a;', worker);
    const inline = /<script type="text\/plain" id="trace-graphviz-worker">([^<]*)<\/script>/.exec(
      page,
    );
    expect(Buffer.from(inline![1]!, 'base64').toString('utf8')).toBe(worker);
    expect(page.match(/<\/script>/g)).toHaveLength(3);
  });
});
