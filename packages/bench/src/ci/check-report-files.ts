import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { pngHasContent } from '../charts/png-check.js';
import type { ReportFiles } from '../report/write-report.js';

/** Checks a report's files: the markdown exists, the SVG parses, the PNG is not blank. */
export async function checkReportFiles(folder: string, files: ReportFiles): Promise<string[]> {
  const problems: string[] = [];
  const markdown = await readFile(join(folder, files.markdown), 'utf8').catch(() => undefined);
  if (markdown === undefined || !markdown.includes('## Per step')) {
    problems.push(`${join(folder, files.markdown)} is missing or has no per-step table.`);
  }
  try {
    const svg = await readFile(join(folder, files.svg), 'utf8');
    new Resvg(svg);
    if (!svg.includes('<path')) problems.push(`${join(folder, files.svg)} draws nothing.`);
  } catch (error) {
    problems.push(`${join(folder, files.svg)} does not parse: ${(error as Error).message}`);
  }
  try {
    if (!pngHasContent(await readFile(join(folder, files.png)))) {
      problems.push(`${join(folder, files.png)} is blank.`);
    }
  } catch (error) {
    problems.push(`${join(folder, files.png)} is not a PNG: ${(error as Error).message}`);
  }
  return problems;
}
