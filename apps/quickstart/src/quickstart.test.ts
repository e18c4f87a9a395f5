import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MockLLM } from '@trace/llm/test';
import { describe, expect, test } from 'vitest';
import { runQuickstart } from './quickstart.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('quickstart', () => {
  test('offline: says how to configure a model, then prints progress it computed', async () => {
    const lines: string[] = [];
    const result = await runQuickstart({ env: {}, print: (line) => lines.push(line) });
    expect(result).toEqual({ mode: 'offline', ok: true });
    expect(lines[0]).toBe('OptoPrime needs a language model.');
    expect(lines[1]).toMatch(/TRACE_MODEL=openai:.*OPENAI_API_KEY/);
    // Said once, not twice.
    expect(lines.join('\n').match(/configured/g)).toHaveLength(1);
    const progress = lines.filter((line) => line.startsWith('step '));
    expect(progress).toHaveLength(9);
    const parsed = progress.map((line) => {
      const match =
        /^step +(\d+): loss (\S+) \(before this step\), slope (\S+), intercept (\S+)$/.exec(line);
      if (match === null) throw new Error(`unexpected line: ${line}`);
      return {
        step: Number(match[1]),
        loss: Number(match[2]),
        slope: Number(match[3]),
        intercept: Number(match[4]),
      };
    });
    // The first loss is the real one at slope 1, intercept 0: mean of (c - 1.8c - 32)^2.
    const firstLoss = [-40, 0, 37, 100].reduce((sum, c) => sum + (c - (1.8 * c + 32)) ** 2, 0) / 4;
    expect(parsed[0]!.loss).toBeCloseTo(firstLoss, 2);
    expect(parsed.at(-1)).toMatchObject({ step: 200 });
    expect(parsed.at(-1)!.slope).toBeCloseTo(1.8, 3);
    expect(parsed.at(-1)!.intercept).toBeCloseTo(32, 1);
    expect(parsed.at(-1)!.loss).toBeLessThan(parsed[0]!.loss / 1000);
    expect(lines.at(-1)).toBe(
      'The answer template is still "{value}": text needs an LLM optimizer, so 0/4 answers have the expected wording.',
    );
  });

  test('a model that is named but cannot be used is an error with the setup help, not the offline path', async () => {
    const cases: { env: Record<string, string>; says: RegExp }[] = [
      { env: { TRACE_MODEL: 'garbage' }, says: /TRACE_MODEL="garbage"/ },
      // The easy slip: a model name without its provider.
      { env: { TRACE_MODEL: 'gpt-4o-mini' }, says: /TRACE_MODEL="gpt-4o-mini"/ },
      { env: { TRACE_MODEL: 'openai:gpt-4o-mini' }, says: /OPENAI_API_KEY/ },
      { env: { TRACE_MODEL: 'anthropic:claude-haiku-4-5' }, says: /ANTHROPIC_API_KEY/ },
      {
        env: { TRACE_MODEL: 'unknown-provider:x', OPENAI_API_KEY: 'sk-secret-1' },
        says: /provider/,
      },
      { env: { TRACE_LLM_BASE_URL: 'http://127.0.0.1:9/v1' }, says: /TRACE_LLM_BASE_URL \(set\)/ },
    ];
    for (const { env, says } of cases) {
      const lines: string[] = [];
      const result = await runQuickstart({ env, print: (line) => lines.push(line) });
      const output = lines.join('\n');
      expect(result, output).toEqual({ mode: 'misconfigured', ok: false });
      expect(lines[0]).toMatch(/^A language model is configured \(.*\) but cannot be used/);
      expect(output).toMatch(says);
      // The setup help, exactly once.
      expect(output.match(/TRACE_MODEL=ollama:<model>/g)).toHaveLength(1);
      // Nothing ran, and no key is ever printed.
      expect(output).not.toMatch(/^step /m);
      expect(output).not.toContain('sk-secret');
      expect(output).not.toMatch(/none is configured|No language model is configured/);
    }
  });

  test('blank settings count as absent: the offline path runs', async () => {
    const lines: string[] = [];
    const result = await runQuickstart({
      env: { TRACE_MODEL: '  ', OPENAI_API_KEY: '', ANTHROPIC_API_KEY: ' ' },
      print: (line) => lines.push(line),
    });
    expect(result).toEqual({ mode: 'offline', ok: true });
  });

  test('online: OptoPrime applies the replies and reports each step', async () => {
    const replies = [
      { reasoning: 'F = 1.8C + 32', noChange: false, suggestion: { slope0: 1.8, intercept0: 32 } },
      {
        reasoning: 'wording',
        noChange: false,
        suggestion: { template0: '{celsius} °C = {value} °F' },
      },
    ];
    const model = new MockLLM({ responses: replies.map((reply) => JSON.stringify(reply)) });
    const lines: string[] = [];
    const result = await runQuickstart({ model, print: (line) => lines.push(line) });
    expect(result).toEqual({ mode: 'online', ok: true });
    expect(model.callCount).toBe(2);
    const initialError =
      [-40, 0, 37, 100].reduce((sum, c) => sum + Math.abs(c - (1.8 * c + 32)), 0) / 4;
    expect(lines).toContain(
      `before: 0/4 answers correct, mean error ${initialError.toFixed(2)} °F`,
    );
    expect(lines).toContain('step 1: updated slope0 1 -> 1.8, intercept0 0 -> 32');
    expect(lines).toContain(
      '  now: 0/4 answers correct, mean error 0.00 °F (' +
        lines.find((line) => line.startsWith('  now: 0/4'))!.split('(')[1],
    );
    expect(lines).toContain('step 2: updated template0 "{value}" -> "{celsius} °C = {value} °F"');
    expect(
      lines.some((line) => line.startsWith('  now: 4/4 answers correct, mean error 0.00 °F')),
    ).toBe(true);
    expect(lines.slice(-4)).toEqual([
      '  -40 °C = -40.0 °F',
      '  0 °C = 32.0 °F',
      '  37 °C = 98.6 °F',
      '  100 °C = 212.0 °F',
    ]);
    // The prompt is OptoPrime's report of the minibatch: four answers, each with its feedback.
    const prompt = model.calls[0]!.messages[0]!.content;
    expect(prompt).toContain('#Code\nmultiply0 = multiply(a=celsius0, b=slope0)');
    expect(prompt).toContain('fill0: Expected exactly "-40 °C = -40.0 °F" but got "-40.0".');
  });

  test('pnpm quickstart runs the offline path when no model is configured', () => {
    const child = spawnSync(
      process.execPath,
      [
        join(repositoryRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        '--conditions=@trace/source',
        'apps/quickstart/src/main.ts',
      ],
      {
        cwd: repositoryRoot,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(child.status).toBe(0);
    expect(child.stdout).toContain('OptoPrime needs a language model.');
    expect(child.stdout).toMatch(
      /step 200: loss \S+ \(before this step\), slope 1\.800\d, intercept 3[12]\.9\d+|step 200: loss \S+ \(before this step\), slope 1\.800\d, intercept 32\.0\d+/,
    );
  }, 70_000);

  test('pnpm quickstart exits 1 when TRACE_MODEL names a model that cannot be used', () => {
    const child = spawnSync(
      process.execPath,
      [
        join(repositoryRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        '--conditions=@trace/source',
        'apps/quickstart/src/main.ts',
      ],
      {
        cwd: repositoryRoot,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TRACE_MODEL: 'garbage' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(child.status).toBe(1);
    expect(child.stdout).toContain('TRACE_MODEL="garbage"');
    expect(child.stdout).not.toContain('step 1:');
  }, 70_000);
});
