import type { MethodDefinition } from './experiment.js';

/** A method run by an LLM optimizer: it needs a model. */
export function llmMethod(name: string, description: string): MethodDefinition {
  return { name, description, kind: 'llm', needs: ['model'] };
}
