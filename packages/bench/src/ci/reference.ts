import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { BenchError } from '../bench-error.js';
import type { MethodCurve } from '../report/aggregate.js';

/** A committed reference: baseline figures of a smoke run, and where they came from. */
export const referenceSchema = z.strictObject({
  experiment: z.string(),
  size: z.enum(['smoke', 'paper']),
  /** How the figures were produced (the command), for whoever updates them. */
  source: z.string(),
  /** Relative tolerance of a comparison (|ours - reference| <= tolerance × max(1, |reference|)). */
  tolerance: z.number().nonnegative(),
  /** Mean per method and step. */
  figures: z.record(z.string(), z.record(z.string(), z.number())),
});
/** A committed reference file. */
export type Reference = z.infer<typeof referenceSchema>;

/** Reads and validates a reference file. */
export async function readReference(path: string): Promise<Reference> {
  const parsed = referenceSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) {
    throw new BenchError(
      'INVALID_OPTIONS',
      `${path} is not a reference file: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}

/** The reference figures of `curves` (the methods in `methods` only). */
export function referenceFigures(
  curves: readonly MethodCurve[],
  methods: readonly string[],
): Reference['figures'] {
  const figures: Reference['figures'] = {};
  for (const curve of curves) {
    if (!methods.includes(curve.method)) continue;
    figures[curve.method] = Object.fromEntries(curve.points.map((p) => [String(p.step), p.mean]));
  }
  return figures;
}

/**
 * Compares `curves` with a reference; returns one message per figure out of tolerance or missing,
 * each naming the figure, ours, the reference and the tolerance.
 */
export function compareWithReference(
  curves: readonly MethodCurve[],
  reference: Reference,
): string[] {
  const problems: string[] = [];
  for (const [method, steps] of Object.entries(reference.figures)) {
    const curve = curves.find((candidate) => candidate.method === method);
    for (const [step, expected] of Object.entries(steps)) {
      const ours = curve?.points.find((point) => String(point.step) === step)?.mean;
      const allowed = reference.tolerance * Math.max(1, Math.abs(expected));
      if (ours === undefined) {
        problems.push(
          `${reference.experiment} ${method} step ${step}: missing (reference ${expected}).`,
        );
      } else if (!(Math.abs(ours - expected) <= allowed)) {
        problems.push(
          `${reference.experiment} ${method} step ${step}: ${ours} differs from the reference ${expected} by more than the tolerance ${allowed} (relative ${reference.tolerance}); reference from: ${reference.source}.`,
        );
      }
    }
  }
  return problems;
}
