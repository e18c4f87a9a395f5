// Registers scripts/resolve-from-examples-hooks.mjs (used by `pnpm example`).
import { register } from 'node:module';

register('./resolve-from-examples-hooks.mjs', import.meta.url);
