#!/usr/bin/env node
import { CommanderError } from 'commander';
import { createProgram } from './program.js';

/** Runs `trace-bench` with `argv` (without node and the script); resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram({
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    process.stderr.write(
      `trace-bench: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
