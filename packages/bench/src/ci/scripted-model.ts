import { MockLLM } from '@trace/llm/test';

/**
 * The scripted model of the CI suite's pipeline checks: it answers every request with a valid
 * "no change" reply, so a run proves that prompts are built, the model is called and replies are read
 * and applied, without pretending to optimize anything. Results made with it are labelled a
 * pipeline check wherever they appear.
 */
export function createPipelineCheckModel(): MockLLM {
  return new MockLLM({
    provider: 'scripted',
    modelId: 'pipeline-check',
    responses: JSON.stringify({
      reasoning: 'Pipeline check: a scripted model that never proposes a change.',
      noChange: true,
      suggestion: {},
    }),
  });
}
