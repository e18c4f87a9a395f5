import { constraints, type Node, node, scope } from '@trace/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { applySuggestion } from './apply-suggestion.js';
import { interpretReply, type ReplyShapeCheck } from './suggestion-reply.js';

const check: ReplyShapeCheck = (value) => {
  const record = value as Record<string, unknown>;
  const suggestion = record.suggestion ?? {};
  return typeof suggestion === 'object' && suggestion !== null && !Array.isArray(suggestion)
    ? {
        ok: true,
        reply: {
          reasoning: '',
          noChange: record.noChange === true,
          suggestion: suggestion as Record<string, unknown>,
        },
      }
    : { ok: false, problems: ['suggestion: expected an object'] };
};

describe('properties of the shared machinery', () => {
  test('interpretReply never throws and always explains a refusal', () => {
    const pieces = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '{',
        '}',
        '"',
        '```json\n',
        '```',
        '{"suggestion": ',
        '{"noChange": true',
        ',',
      ),
      fc.jsonValue().map((value) => JSON.stringify(value)),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const result = interpretReply(parts.join(''), check);
        if (!result.ok) expect(result.problem.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  test('applySuggestion reports every key once and leaves each parameter old or validly new', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.oneof(fc.constantFrom('n0', 'n:0', 's0', 'a0', ' n0 '), fc.string({ maxLength: 4 })),
          fc.jsonValue({ maxDepth: 2 }),
          { maxKeys: 6 },
        ),
        (suggestion) => {
          // A fresh scope each run, so the node names are n:0, s:0, a:0 every time.
          const { number, text, list } = scope(() => ({
            number: node(1, { name: 'n', trainable: true, constraint: constraints.range(0, 9) }),
            text: node('t', { name: 's', trainable: true }),
            list: node([1, 2], { name: 'a', trainable: true }),
          }));
          const variables = new Map<string, Node>([
            ['n0', number],
            ['s0', text],
            ['a0', list],
          ]);
          const outcome = applySuggestion({ suggestion, variables });
          const labelOf = (key: string) =>
            ({ n0: 'n0', 'n:0': 'n0', s0: 's0', a0: 'a0' })[key.trim()] as string | undefined;
          for (const key of Object.keys(suggestion)) {
            const label = labelOf(key);
            // A rejection names one key, or several joined by ', ' (keys that named one label twice).
            const rejected = outcome.rejected.some(
              (item) => item.key === key || item.key.split(', ').includes(key),
            );
            const applied = outcome.applied.some((update) => update.label === label);
            const unchanged = label !== undefined && outcome.unchanged.includes(label);
            // Every key ends in exactly one place (a label named twice with one value is applied once).
            expect([rejected, applied || unchanged].filter(Boolean)).toHaveLength(1);
            if (label === undefined) expect(rejected).toBe(true);
          }
          expect(typeof number.data).toBe('number');
          expect(number.data >= 0 && number.data <= 9).toBe(true);
          expect(typeof text.data).toBe('string');
          expect(
            Array.isArray(list.data) && list.data.every((item) => typeof item === 'number'),
          ).toBe(true);
          for (const update of outcome.applied) {
            const parameter = variables.get(update.label)!;
            expect(parameter.data).toEqual(update.after);
          }
          const untouched = [...variables.entries()].filter(
            ([label]) => !outcome.applied.some((update) => update.label === label),
          );
          const initial: Record<string, unknown> = { n0: 1, s0: 't', a0: [1, 2] };
          for (const [label, parameter] of untouched)
            expect(parameter.data).toEqual(initial[label]);
        },
      ),
      { numRuns: 300, examples: [[{ ', ': {} }], [{ ', ': 1, n0: 2 }]] },
    );
  });
});
