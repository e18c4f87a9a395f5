/** Test helper: the Python processes that are children of this Node process, seen by the OS. */
import { execFileSync } from 'node:child_process';

/** Process ids of this process's live (not zombie) children whose command mentions python. */
export function pythonChildPids(): number[] {
  const output = execFileSync('ps', ['-o', 'pid=,stat=,comm=', '--ppid', String(process.pid)], {
    encoding: 'utf8',
  });
  return output
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(
      ([pid, stat, command]) => pid && !stat?.startsWith('Z') && /python/i.test(command ?? ''),
    )
    .map(([pid]) => Number(pid))
    .sort((a, b) => a - b);
}
