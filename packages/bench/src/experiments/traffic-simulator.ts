import { bundle, type MessageNode, type NodeInput } from '@trace/core';
import {
  createUxsimIntersection,
  runTrafficScenario,
  scatsBaseline,
  traceTrafficScenario,
} from '@trace/envs';
import type { Simulator } from './experiment-definition.js';

/** What the traffic experiment needs of a simulator, whichever it is. */
export interface TrafficSimulator {
  /** The paper's score (lower is better) of green times `[eastWest, northSouth]` for `seed`. */
  score(seed: number, point: readonly number[]): Promise<number>;
  /** SCATS's green times for `seed`. */
  scats(seed: number): Promise<[number, number]>;
  /** A traced operator returning the score; a green time out of range raises (an exception node). */
  traced(
    seed: number,
  ): (
    eastWest: NodeInput<number>,
    northSouth: NodeInput<number>,
  ) => MessageNode<number> | Promise<MessageNode<number>>;
  /** Releases the simulator (the Python process for UXSim). */
  close(): Promise<void>;
}

const description =
  '[traffic_simulation] Simulates 1,800 s of a four-way intersection with UXSim and a fixed-time ' +
  'signal: east-west green for eastWestGreen s, then north-south green for northSouthGreen s (whole ' +
  'seconds from 15 to 90). Returns a score, lower is better: the estimated delay per vehicle plus the ' +
  'spread of delay across origin-destination pairs.';

/**
 * The simulator named by `--simulator`: `native` (the TypeScript re-implementation, the default) or
 * `uxsim` (UXSim 1.3.0 in Python through the bridge; needs `pip install uxsim==1.3.0`, and the first
 * call says so when it is missing).
 */
export function createTrafficSimulator(simulator: Simulator): TrafficSimulator {
  if (simulator === 'native') {
    return {
      score: async (seed, [eastWestGreen, northSouthGreen]) =>
        runTrafficScenario({
          eastWestGreen: eastWestGreen!,
          northSouthGreen: northSouthGreen!,
          seed,
        }).score,
      scats: async (seed) => {
        const timing = scatsBaseline(seed);
        return [timing.eastWestGreen, timing.northSouthGreen];
      },
      traced: (seed) => traceTrafficScenario({ seed }),
      close: async () => undefined,
    };
  }
  const uxsim = createUxsimIntersection();
  const score = async (seed: number, [eastWest, northSouth]: readonly number[]) =>
    (await uxsim.evaluate({ eastWest: eastWest!, northSouth: northSouth!, seed })).score;
  return {
    score,
    scats: async (seed) => {
      const timing = await uxsim.scats(seed);
      return [timing.eastWest, timing.northSouth];
    },
    traced: (seed) =>
      bundle(
        async function traffic_simulation(eastWestGreen: number, northSouthGreen: number) {
          return score(seed, [eastWestGreen, northSouthGreen]);
        },
        { name: 'traffic_simulation', description },
      ) as (
        eastWest: NodeInput<number>,
        northSouth: NodeInput<number>,
      ) => Promise<MessageNode<number>>,
    close: () => uxsim.close(),
  };
}
