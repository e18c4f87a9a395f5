// Run by the kill -9 test in a child process: trains (resuming when it can) and prints the slope.
import { runLinearTraining } from './linear-training.js';

const directory = process.argv[2];
if (directory === undefined) throw new Error('usage: kill-fixture.ts <run directory>');
const slope = await runLinearTraining(directory);
process.stdout.write(`${JSON.stringify({ slope })}\n`);
