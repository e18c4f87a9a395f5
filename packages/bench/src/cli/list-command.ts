import { experiments } from '../experiments/registry.js';

/** The text of `trace-bench list`: experiments, their methods, and what each needs. */
export function listText(): string {
  const lines: string[] = [];
  for (const experiment of experiments) {
    lines.push(
      `${experiment.name}: ${experiment.title} (${experiment.paperSection}); ${experiment.defaultSteps.paper} steps at paper size, ${experiment.defaultSteps.smoke} at smoke size`,
    );
    for (const method of experiment.methods) {
      const needs =
        method.needs.length === 0 ? 'needs nothing' : `needs ${method.needs.join(', ')}`;
      lines.push(
        `  ${method.name.padEnd(14)} ${method.kind.padEnd(8)} ${needs.padEnd(18)} ${method.description}`,
      );
    }
  }
  return lines.join('\n');
}
