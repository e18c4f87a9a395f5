// For resolvers that ignore `exports` (TypeScript's node10): `@trace/llm/test` finds this file.
export * from './dist/test/index.js';
