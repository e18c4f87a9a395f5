import { describe, expect, test } from 'vitest';
import { bundle } from '../bundle/bundle.js';
import { node } from '../graph/create-node.js';
import { toDot } from './to-dot.js';
import { toMermaid } from './to-mermaid.js';

const hostile = [
  'x"]; evil -> pwned [label="',
  'back\\slash\\"quote',
  'line\nbreak\r\nand\u2028separator\ttab\u0000nul',
  '<img src=x onerror=alert(1)>',
  'pipe|bracket]paren)brace}`tick`#quot;&amp;',
  'end\\',
  '😀 ünïcödé',
  'lone \ud800 high, \udfff low',
];

function graphWithHostileNames() {
  const inputs = hostile.map((name, index) =>
    node(`${name} value`, { name, trainable: index % 2 === 0 }),
  );
  const join = bundle((...parts: string[]) => parts.join(''), { name: 'join"];x->y;//' });
  return join(...inputs);
}

/** DOT statements we write: node statements, edges, and the fixed header and footer. */
const dotString = '"(?:[^"\\\\\\n]|\\\\.)*"';
const dotLine = new RegExp(
  `^(digraph trace \\{|  rankdir=TB;|  node \\[fontname="Helvetica", fontsize=10\\];|\\}|  n\\d+ \\[label=${dotString}, [^"\\n]*(?:"[^"\\\\]*"[^"\\n]*)*\\];|  n\\d+ -> n\\d+ \\[label=${dotString}\\];)$`,
);

describe('DOT and Mermaid escape every string that reaches the output', () => {
  test('DOT: hostile names and values stay inside their quoted labels', () => {
    const output = graphWithHostileNames();
    const dot = toDot(output);
    const lines = dot.split('\n');
    expect(lines).toHaveLength(3 + hostile.length + 1 + hostile.length + 1);
    for (const line of lines) expect(line).toMatch(dotLine);
    expect(dot).not.toContain('\u0000');
    expect(dot).not.toContain('\u2028');
    // A lone surrogate would not survive UTF-8 (a file, Graphviz): it is written as U+FFFD.
    expect(dot).toContain('lone \ufffd high, \ufffd low');
    expect(Buffer.from(dot, 'utf8').toString('utf8')).toBe(dot);
    // The text survives (escaped), so the picture still says what the name was.
    expect(dot).toContain('x\\"]; evil -> pwned [label=\\"');
  });

  test('Mermaid: no raw quote, bracket, pipe, backtick, HTML or line break inside labels', () => {
    const mermaid = toMermaid(graphWithHostileNames());
    const lines = mermaid.split('\n');
    expect(lines).toHaveLength(1 + hostile.length + 1 + hostile.length + 5);
    const nodeLine = /^ {2}n\d+(\[|\{\{|\()"([^"]*)"(\]|\}\}|\)):::\w+$/;
    const edgeLine = /^ {2}n\d+ -->\|([^|]*)\| n\d+$/;
    for (const line of lines.slice(1, 1 + hostile.length + 1 + hostile.length)) {
      const label = nodeLine.exec(line)?.[2] ?? edgeLine.exec(line)?.[1];
      expect(label, line).toBeDefined();
      const [name, value] = label!.split('<br/>');
      for (const part of [name ?? '', value ?? '']) {
        expect(part).not.toMatch(/["<>|[\](){}`\n\r\u2028\0&]/);
        expect(part.replace(/#\d+;/g, '')).not.toContain('#');
      }
    }
    expect(mermaid).toContain('#60;img src=x onerror=alert#40;1#41;#62;');
    expect(mermaid).toContain('😀 ünïcödé');
  });
});
