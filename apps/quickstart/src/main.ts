/**
 * `pnpm quickstart`: optimize a small workflow with OptoPrime when a model is configured, or run the
 * offline gradient path when none is named. Exits 1 when a named model cannot be used or a step fails.
 */
import { runQuickstart } from './quickstart.js';

const result = await runQuickstart();
if (!result.ok) process.exitCode = 1;
