import {
  ConfigurationError,
  createReplayModel,
  type LanguageModel,
  resolveModel,
  type UsageTotals,
  withBudget,
  withRecording,
} from '@trace/llm';
import { Command, InvalidArgumentError } from 'commander';
import { findExperiment } from '../experiments/registry.js';
import { compareRuns } from '../report/compare-runs.js';
import { writeReport } from '../report/write-report.js';
import { runExperiment } from '../run/run-experiment.js';
import { countFirstStepTokens, tokenTable } from '../tokens/count-first-step-tokens.js';
import { listText } from './list-command.js';
import {
  commaList,
  positiveInteger,
  positiveNumber,
  runSize,
  simulatorName,
} from './parse-options.js';
import { createRunProgress, type RunProgress } from './progress.js';

/** Where the CLI writes; tests pass their own. */
export interface CliOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** The stream progress is drawn on (default: process.stderr; a live bar only when it is a TTY). */
  readonly errStream?: NodeJS.WriteStream;
}

/** Builds the `trace-bench` command line. */
export function createProgram(output: CliOutput): Command {
  const program = new Command('trace-bench')
    .description("Runs the experiments of 'Trace is the New AutoDiff' and reports them.")
    .configureOutput({ writeOut: output.out, writeErr: output.err })
    .exitOverride()
    .showHelpAfterError();

  program
    .command('list')
    .description('experiments, their methods, and what each needs')
    .action(() => output.out(`${listText()}\n`));

  program
    .command('run')
    .description('run an experiment into a run folder (one run directory per unit)')
    .argument('<experiment>', 'numerical, battleship, traffic (see list)')
    .option('--methods <names>', 'comma-separated methods (default: all)', commaList)
    .option('--model <provider:model>', 'the model for LLM methods (default: TRACE_MODEL)')
    .option('--seeds <n>', 'seeds per method', positiveInteger('seeds'))
    .option('--steps <n>', 'steps per unit', positiveInteger('steps'))
    .option('--concurrency <n>', 'units at once', positiveInteger('concurrency'), 1)
    .option('--out <dir>', 'the run folder (default: runs/<experiment>-<size>)')
    .option('--resume', 'continue the run in --out: finished units are skipped')
    .option('--size <size>', 'smoke or paper', runSize, 'paper')
    .option(
      '--max-usd <dollars>',
      'one budget shared by all units of this invocation',
      positiveNumber,
    )
    .option(
      '--simulator <name>',
      'traffic only: native (default) or uxsim (UXSim through the Python bridge)',
      simulatorName,
    )
    .option('--record <file>', 'record every model call to a file (replay it with --replay)')
    .option('--replay <file>', 'answer model calls from a recording instead of a provider')
    .action(async (experimentName: string, flags: RunFlags) => {
      const out = flags.out ?? `runs/${experimentName}-${flags.size}`;
      if (flags.record !== undefined && flags.replay !== undefined) {
        throw new InvalidArgumentError(
          '--record and --replay exclude each other: record a run once, then replay it.',
        );
      }
      const model = wrapModel(
        flags.replay === undefined ? modelFor(flags.model) : replayFor(flags.replay, flags.model),
        flags,
      );
      let progress: RunProgress | undefined;
      const result = await runExperiment({
        experiment: experimentName,
        ...(flags.methods === undefined ? {} : { methods: flags.methods }),
        size: flags.size,
        ...(flags.steps === undefined ? {} : { steps: flags.steps }),
        ...(flags.seeds === undefined ? {} : { seeds: flags.seeds }),
        concurrency: flags.concurrency,
        ...(flags.simulator === undefined ? {} : { simulator: flags.simulator }),
        out,
        ...(flags.resume === true ? { resume: true } : {}),
        ...(model.model === undefined
          ? {}
          : { model: model.model, modelLabel: model.label, modelKind: model.kind }),
        ...(model.help === undefined ? {} : { missingModelHelp: model.help }),
        onStart: (total) => {
          const experiment = findExperiment(experimentName);
          progress = createRunProgress(total, {
            stream: output.errStream ?? process.stderr,
            metric: experiment.metric,
            methods: flags.methods ?? experiment.methods.map((method) => method.name),
            ...(model.usage === undefined ? {} : { usage: model.usage }),
          });
        },
        onUnit: (event) => progress?.unit(event),
        onScore: (event) => progress?.score(event),
      }).finally(() => progress?.stop());
      output.out(
        `${result.completed} unit(s) run, ${result.skipped} already finished, into ${result.folder}. Next: trace-bench report ${result.folder}\n`,
      );
    });

  program
    .command('report')
    .description('write report.md and plots into a run folder')
    .argument('<run-dir>', 'the --out folder of a run')
    .action(async (folder: string) => {
      const files = await writeReport(folder);
      output.out(`Wrote ${files.markdown}, ${files.svg} and ${files.png} in ${folder}.\n`);
    });

  program
    .command('tokens')
    .description(
      "the paper's token table: first-step calls and prompt tokens of OptoPrime, OPRO and TextGrad (o200k_base), offline",
    )
    .action(async () => {
      output.out(
        `Prompt tokens (o200k_base) of the first step of each experiment; nothing is sent.\n\n${tokenTable(await countFirstStepTokens())}\n`,
      );
    });

  program
    .command('compare')
    .description('two runs of one experiment side by side, with the differences')
    .argument('<first>', 'a run folder')
    .argument('<second>', 'another run folder of the same experiment')
    .action(async (first: string, second: string) => {
      output.out(`${await compareRuns(first, second)}\n`);
    });

  return program;
}

interface RunFlags {
  readonly methods?: string[];
  readonly model?: string;
  readonly seeds?: number;
  readonly steps?: number;
  readonly concurrency: number;
  readonly out?: string;
  readonly resume?: boolean;
  readonly size: 'smoke' | 'paper';
  readonly maxUsd?: number;
  readonly simulator?: 'native' | 'uxsim';
  readonly record?: string;
  readonly replay?: string;
}

interface ModelChoice {
  model?: LanguageModel;
  label?: string;
  help?: string;
  kind?: 'real' | 'replay';
  usage?: () => UsageTotals;
}

/** A model that answers from a recording (no provider, no key). */
function replayFor(file: string, label: string | undefined): ModelChoice {
  const [provider, ...rest] = (label ?? 'replay:recorded').split(':');
  const modelId = rest.join(':') || 'recorded';
  return {
    model: createReplayModel({ file, provider: provider!, modelId }),
    label: `${provider}:${modelId}`,
    kind: 'replay',
  };
}

/** Adds the shared budget and the recording around the chosen model. */
function wrapModel(choice: ModelChoice, flags: RunFlags): ModelChoice {
  let model = choice.model;
  if (model === undefined) return choice;
  if (flags.record !== undefined) model = withRecording(model, { file: flags.record });
  // Without --max-usd the budget only counts (a token limit that never binds) for the progress line.
  const budgeted = withBudget(
    model,
    flags.maxUsd === undefined
      ? { maxTokens: Number.MAX_SAFE_INTEGER }
      : { maxCostUsd: flags.maxUsd },
  );
  return { ...choice, model: budgeted, usage: () => budgeted.budget.spent };
}

/** Resolves `--model` (or TRACE_MODEL); a missing model is not an error until an LLM method needs one. */
function modelFor(flag: string | undefined): ModelChoice {
  try {
    const model = resolveModel(flag === undefined ? {} : { model: flag });
    return { model, label: `${model.provider}:${model.modelId}`, kind: 'real' };
  } catch (error) {
    const named = flag !== undefined || (process.env.TRACE_MODEL ?? '').trim() !== '';
    if (!named && ConfigurationError.isInstance(error)) return { help: error.message };
    throw error;
  }
}
