/**
 * `pnpm bench:perf bridge`: round trips through the Python bridge (needs python3): a small call, and
 * large requests echoed back. Lines must be read in chunks, in time linear in their size, on both
 * sides: the server once read stdin one byte per system call, and the client searched its whole
 * buffer again for each 64 KiB chunk (a 4 MB echo took 29 s on a loaded 2-core machine, 0.3 s after
 * both fixes). A 30 MB request must stay far inside the 30-s call time limit.
 */
import { PythonEnvironment } from '@trace/envs';
import { type BenchmarkSuite, timeMs } from './figure.js';

const smallRuns = 200;
/** Request sizes measured (the reply echoes the payload, so each byte travels both ways). */
const largeSizes = [
  { label: '4 MB', bytes: 4 * 1024 * 1024, targetMs: 500, runs: 5 },
  { label: '32 MB', bytes: 32 * 1024 * 1024, targetMs: 5_000, runs: 2 },
] as const;
const smallTargetMs = 1;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const suite: BenchmarkSuite = {
  name: 'bridge',
  async run(report) {
    const environment = new PythonEnvironment({ id: 'trace/bridge-faults-v0' });
    try {
      await environment.start();
      for (let run = 0; run < 20; run += 1) await environment.ping(run);
      const small: number[] = [];
      for (let run = 0; run < smallRuns; run += 1) {
        small.push(await timeMs(() => environment.ping(run)));
      }
      const smallMedian = median(small);
      report({
        name: `bridge: ping round trip, median of ${smallRuns}`,
        value: smallMedian,
        unit: 'ms',
        target: `<= ${smallTargetMs} ms`,
        met: smallMedian <= smallTargetMs,
      });
      for (const size of largeSizes) {
        const payload = 'x'.repeat(size.bytes);
        const times: number[] = [];
        for (let run = 0; run < size.runs; run += 1) {
          times.push(
            await timeMs(async () => {
              const echoed = await environment.ping(payload, { timeoutMs: 60_000 });
              if (echoed.length !== payload.length) throw new Error('the payload came back cut');
            }),
          );
        }
        const value = median(times);
        report({
          name: `bridge: ${size.label} request echoed back, median of ${size.runs}`,
          value,
          unit: 'ms',
          target: `<= ${size.targetMs} ms`,
          met: value <= size.targetMs,
        });
      }
    } finally {
      await environment.close();
    }
  },
};

export default suite;
