import { BenchError } from '../bench-error.js';
import { battleshipExperiment } from './battleship.js';
import { bbhExperiment } from './bbh.js';
import type { ExperimentDefinition } from './experiment-definition.js';
import { metaworldExperiment } from './metaworld.js';
import { numericalExperiment } from './numerical.js';
import { trafficExperiment } from './traffic.js';

/** Every experiment `trace-bench` knows, in the order `list` shows them. */
export const experiments: readonly ExperimentDefinition[] = [
  numericalExperiment,
  battleshipExperiment,
  trafficExperiment,
  bbhExperiment,
  metaworldExperiment,
];

/** The experiment named `name`, or a clear error listing the known ones. */
export function findExperiment(name: string): ExperimentDefinition {
  const experiment = experiments.find((candidate) => candidate.name === name);
  if (experiment === undefined) {
    throw new BenchError(
      'UNKNOWN_EXPERIMENT',
      `There is no experiment '${name}'. Known experiments: ${experiments.map((e) => e.name).join(', ')} (see trace-bench list).`,
    );
  }
  return experiment;
}

/** The methods named in `names` (all of the experiment's when undefined), or a clear error. */
export function selectMethods(
  experiment: ExperimentDefinition,
  names: readonly string[] | undefined,
) {
  if (names === undefined) return [...experiment.methods];
  return names.map((name) => {
    const method = experiment.methods.find((candidate) => candidate.name === name);
    if (method === undefined) {
      throw new BenchError(
        'UNKNOWN_METHOD',
        `The experiment '${experiment.name}' has no method '${name}'. Its methods: ${experiment.methods.map((m) => m.name).join(', ')}.`,
      );
    }
    return method;
  });
}
