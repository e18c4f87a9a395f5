// For TypeScript's `moduleResolution: node10`, which ignores `exports`: `@trace/llm/test` finds this file.
export * from './dist/test/index.js';
