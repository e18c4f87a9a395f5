import { ConfigurationError, resolveModel } from '@trace/llm';
import { Command } from 'commander';
import { writeReport } from '../report/write-report.js';
import { runExperiment } from '../run/run-experiment.js';
import { listText } from './list-command.js';
import { commaList, positiveInteger, runSize } from './parse-options.js';

/** Where the CLI writes; tests pass their own. */
export interface CliOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
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
    .action(async (experimentName: string, flags: RunFlags) => {
      const out = flags.out ?? `runs/${experimentName}-${flags.size}`;
      const model = modelFor(flags.model);
      const result = await runExperiment({
        experiment: experimentName,
        ...(flags.methods === undefined ? {} : { methods: flags.methods }),
        size: flags.size,
        ...(flags.steps === undefined ? {} : { steps: flags.steps }),
        ...(flags.seeds === undefined ? {} : { seeds: flags.seeds }),
        concurrency: flags.concurrency,
        out,
        ...(flags.resume === true ? { resume: true } : {}),
        ...(model.model === undefined ? {} : { model: model.model, modelLabel: model.label }),
        ...(model.help === undefined ? {} : { missingModelHelp: model.help }),
        onUnit: (event) =>
          output.err(
            `[${event.done}/${event.total}] ${event.plan.method} ${event.plan.task} seed ${event.plan.seed}: ${event.outcome}\n`,
          ),
      });
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
}

/** Resolves `--model` (or TRACE_MODEL); a missing model is not an error until an LLM method needs one. */
function modelFor(flag: string | undefined): {
  model?: ReturnType<typeof resolveModel>;
  label?: string;
  help?: string;
} {
  try {
    const model = resolveModel(flag === undefined ? {} : { model: flag });
    return { model, label: `${model.provider}:${model.modelId}` };
  } catch (error) {
    const named = flag !== undefined || (process.env.TRACE_MODEL ?? '').trim() !== '';
    if (!named && ConfigurationError.isInstance(error)) return { help: error.message };
    throw error;
  }
}
