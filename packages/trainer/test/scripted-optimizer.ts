import {
  type Node,
  PropagatingOptimizer,
  type Proposal,
  type ProposingOptimizer,
  SumPropagator,
} from '@trace/core';

/** The step record of {@link ScriptedOptimizer}: like an LLM optimizer's, a prompt and a reply. */
export interface ScriptedRecord {
  readonly step: number;
  readonly prompt: string;
  readonly reply: string;
}

/**
 * A test-only `ProposingOptimizer` over one parameter: the `script(step, proposalIndex)` gives the
 * value each proposal sets, like an LLM that answers from a script. Its state is the step count and a
 * memory of applied values (as OptoPrime keeps a memory).
 */
export class ScriptedOptimizer
  extends PropagatingOptimizer<ScriptedRecord>
  implements ProposingOptimizer<ScriptedRecord>
{
  #step = 0;
  #memory: unknown[] = [];
  #proposals = 0;
  readonly #script: (step: number, proposalIndex: number, current: unknown) => unknown;

  constructor(
    parameter: Node,
    script: (step: number, proposalIndex: number, current: unknown) => unknown,
  ) {
    super([parameter], new SumPropagator());
    this.#script = script;
  }

  /** Applied values so far. */
  get memory(): readonly unknown[] {
    return this.#memory;
  }

  async propose(): Promise<Proposal<ScriptedRecord>> {
    const parameter = this.parameters[0]!;
    const step = this.#step + 1;
    const value = this.#script(step, this.#proposals, parameter.data);
    this.#proposals += 1;
    const feedback = parameter.feedback.map(String).join(' | ');
    return {
      optimizer: 'scripted',
      step,
      values: new Map([[parameter, value]]),
      record: { step, prompt: `feedback: ${feedback}`, reply: JSON.stringify(value) },
      state: { step, memory: [...this.#memory, value] },
    };
  }

  async apply(proposal: Proposal<ScriptedRecord>): Promise<ScriptedRecord> {
    for (const [parameter, value] of proposal.values) parameter.data = value;
    const state = proposal.state as { step: number; memory: unknown[] };
    this.#step = state.step;
    this.#memory = [...state.memory];
    this.#proposals = 0;
    return proposal.record;
  }

  async step(): Promise<ScriptedRecord> {
    return this.apply(await this.propose());
  }

  exportState(): unknown {
    return { kind: 'scripted', step: this.#step, memory: this.#memory };
  }

  loadState(state: unknown): void {
    const candidate = state as { kind?: unknown; step?: unknown; memory?: unknown };
    if (
      candidate?.kind !== 'scripted' ||
      typeof candidate.step !== 'number' ||
      !Array.isArray(candidate.memory)
    ) {
      throw new TypeError('not a scripted optimizer state');
    }
    this.#step = candidate.step;
    this.#memory = [...candidate.memory];
  }
}
