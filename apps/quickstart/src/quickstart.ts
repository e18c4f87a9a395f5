import { ConfigurationError, type LanguageModel, resolveModel } from '@trace/llm';
import { runOffline } from './offline.js';
import { runOnline } from './online.js';
import { createParameters } from './workflow.js';

/** Options of {@link runQuickstart}. */
export interface QuickstartOptions {
  /** Where lines go (default `console.log`). */
  readonly print?: (line: string) => void;
  /** The environment to read the model configuration from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A model to use instead of the configured one (tests pass a MockLLM). */
  readonly model?: LanguageModel;
  /** Most OptoPrime steps (default 5). */
  readonly maxSteps?: number;
}

/** What the quickstart did. */
export interface QuickstartResult {
  /**
   * `online` (OptoPrime), `offline` (no model named: Adam), or `misconfigured` (a model is named in the
   * environment but cannot be used: nothing ran, and `ok` is false).
   */
  readonly mode: 'online' | 'offline' | 'misconfigured';
  readonly ok: boolean;
}

/**
 * The variables that name a model (or, for a key alone, its provider's default model) or say where
 * one is served. When one of them is set, the user meant to use a model, so a model that cannot be
 * resolved is an error rather than a reason to run offline.
 */
export const modelVariables = [
  'TRACE_MODEL',
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'TRACE_LLM_BASE_URL',
] as const;

/**
 * The README's first command. A small workflow converts Celsius readings into written Fahrenheit
 * answers; its parameters are two numbers and a text template. With a model configured, OptoPrime
 * tunes all three from the feedback on each answer. With no model named, it says how to configure one
 * and tunes the numbers with Adam instead. A model that is named but cannot be resolved (a typo in
 * `TRACE_MODEL`, a missing key) is an error: it prints why and the setup help, and runs nothing. Every
 * number printed is computed by the run.
 */
export async function runQuickstart(options: QuickstartOptions = {}): Promise<QuickstartResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  const env = options.env ?? process.env;
  const parameters = createParameters();
  let model = options.model;
  if (model === undefined) {
    try {
      model = resolveModel({}, env);
    } catch (error) {
      const named = modelVariables.filter((name) => (env[name]?.trim() ?? '') !== '');
      if (named.length > 0 || !ConfigurationError.isInstance(error)) {
        printMisconfigured(print, env, named, error);
        return { mode: 'misconfigured', ok: false };
      }
      print('OptoPrime needs a language model.');
      print(error.message);
      print('');
      print('Meanwhile, the offline path: Adam tunes the two numbers from gradients (no LLM).');
      const offline = await runOffline(parameters, { steps: 200, printEvery: 25, print });
      return { mode: 'offline', ok: offline.ok };
    }
  }
  print(`OptoPrime with ${model.provider}:${model.modelId} tunes slope, intercept and template.`);
  const online = await runOnline(parameters, model, { maxSteps: options.maxSteps ?? 5, print });
  return { mode: 'online', ok: online.ok };
}

/** Says which setting names a model (never a key's value), why it failed, and how to set one. */
function printMisconfigured(
  print: (line: string) => void,
  env: Readonly<Record<string, string | undefined>>,
  named: readonly string[],
  error: unknown,
): void {
  const settings = named.map((name) =>
    name === 'TRACE_MODEL' ? `TRACE_MODEL=${JSON.stringify(env[name]?.trim())}` : `${name} (set)`,
  );
  print(
    `A language model is configured (${settings.join(', ') || 'see below'}) but cannot be used, so the quickstart stops. It runs offline only when no model is named.`,
  );
  const message = error instanceof Error ? error.message : String(error);
  print(message);
  const help = setupHelp();
  if (help !== undefined && !message.includes(help)) print(help);
}

/** resolveModel's list of what to set: the message it throws when nothing is configured. */
function setupHelp(): string | undefined {
  try {
    resolveModel({}, {});
  } catch (error) {
    if (!ConfigurationError.isInstance(error)) return undefined;
    const start = error.message.indexOf('Set one of');
    return start >= 0 ? error.message.slice(start) : error.message;
  }
  return undefined;
}
