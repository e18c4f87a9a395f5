import { describe, expect, test } from 'vitest';
import type { MessageNode } from '../graph/message-node.js';
import { bundled, trainable } from './decorators.js';
import { Module } from './module.js';

class Base extends Module {
  @bundled({ description: 'Formats.' })
  format(text: string): any {
    return `[${text}]`;
  }

  @trainable({ execution: 'trusted' })
  act(position: number): any {
    return position + 1;
  }
}

describe('a decorated method and a same-named Module#operator', () => {
  test('each runs its own function and both code parameters are listed apart', () => {
    class Clash extends Base {
      other = this.operator(
        function format(text: string) {
          return text.toUpperCase();
        },
        { trainable: true, execution: 'trusted' },
      );
    }
    const clash = new Clash();
    expect((clash.format('a') as MessageNode<string>).data).toBe('[a]');
    expect(clash.other('a').data).toBe('A');
    expect([...clash.namedParameters().keys()].sort()).toEqual(['act.__code', 'other.__code']);
  });

  test('two unstored operators with one name both stay parameters', () => {
    class Twins extends Module {
      constructor() {
        super();
        this.operator(
          function parse(text: string) {
            return text;
          },
          { trainable: true, execution: 'trusted' },
        );
        this.operator(
          function parse(text: string) {
            return text.trim();
          },
          { trainable: true, execution: 'trusted' },
        );
      }
    }
    expect([...new Twins().namedParameters().keys()]).toEqual(['parse.__code', 'parse#2.__code']);
  });
});

describe('inheritance', () => {
  test('a decorated override that calls super runs both, without recursion', () => {
    class Loud extends Base {
      @bundled({ description: 'Formats loudly.' })
      override format(text: string): any {
        return `${super.format(text)}!`;
      }
    }
    const loud = new Loud();
    const out = loud.format('hi') as MessageNode<string>;
    expect(out.data).toBe('[hi]!');
    expect(out.description).toBe('Formats loudly.');
    expect((new Base().format('hi') as MessageNode<string>).data).toBe('[hi]');
  });

  test('a decorated override of a trainable method replaces its code parameter', () => {
    class Greedy extends Base {
      @trainable({ execution: 'trusted' })
      override act(position: number): any {
        return position + 2;
      }
    }
    const greedy = new Greedy();
    const parameters = greedy.namedParameters();
    expect([...parameters.keys()]).toEqual(['act.__code']);
    expect(String(parameters.get('act.__code')!.data)).toContain('position + 2');
    const out = greedy.act(1) as MessageNode<number>;
    expect(out.data).toBe(3);
    expect(out.parents).toContain(parameters.get('act.__code'));
  });

  test('an undecorated override drops the dead base code; one that calls super keeps it', async () => {
    class Fixed extends Base {
      override act(position: number): any {
        return position * 100;
      }
    }
    const fixed = new Fixed();
    expect(fixed.parameters()).toEqual([]);
    expect(fixed.exportCode()).toBe('');
    expect(fixed.act(2)).toBe(200);

    class Wrapped extends Base {
      override act(position: number): any {
        return super.act(position * 10);
      }
    }
    const wrapped = new Wrapped();
    const code = wrapped.namedParameters().get('act.__code');
    expect(code).toBeDefined();
    const out = wrapped.act(2) as MessageNode<number>;
    expect(out.data).toBe(21);
    expect(out.parents).toContain(code);
  });

  test('an abstract base with a decorated method: each subclass gets its own operator', () => {
    abstract class Policy extends Module {
      abstract bias(): number;

      @trainable({ execution: 'trusted' })
      act(position: number): any {
        return position;
      }
    }
    class Left extends Policy {
      bias() {
        return -1;
      }
    }
    class Right extends Policy {
      bias() {
        return 1;
      }
    }
    const left = new Left();
    const right = new Right();
    expect(left.namedParameters().get('act.__code')).not.toBe(
      right.namedParameters().get('act.__code'),
    );
    left.namedParameters().get('act.__code')!.data = 'function act(p) { return p - 1; }';
    expect((left.act(5) as MessageNode<number>).data).toBe(4);
    expect((right.act(5) as MessageNode<number>).data).toBe(5);
  });
});

describe('exportCode', () => {
  test("returns a model's proposal exactly as written, TypeScript included", () => {
    const base = new Base();
    const proposal = 'function act(position: number): number {\n  return position + 3; // typed\n}';
    base.namedParameters().get('act.__code')!.data = proposal;
    expect(base.exportCode()).toBe(`// act\n${proposal}\n`);
    expect((base.act(1) as MessageNode<number>).data).toBe(4);
  });
});
