import { NumericOptimizer, type NumericSlot } from './numeric-optimizer.js';
import type { ParameterSource } from './optimizer.js';

/** Options of `Adam`. */
export interface AdamOptions {
  /** Step size (default 0.001; the paper's numerical experiment uses 0.1). */
  readonly learningRate?: number;
  /** Decay of the first-moment estimate (default 0.9). */
  readonly beta1?: number;
  /** Decay of the second-moment estimate (default 0.999). */
  readonly beta2?: number;
  /** Added to the denominator for stability (default 1e-8). */
  readonly epsilon?: number;
}

/**
 * Adam (Kingma & Ba) over numeric parameters, with bias correction. Minimizes the output backward was
 * called on. The reference implementation of the `Optimizer` interface: it runs the paper's numerical
 * task with no LLM at all. Each parameter's state is its two moments and its own update count.
 */
export class Adam extends NumericOptimizer {
  protected readonly optimizerName = 'adam';
  readonly #learningRate: number;
  readonly #beta1: number;
  readonly #beta2: number;
  readonly #epsilon: number;

  constructor(parameters: ParameterSource, options: AdamOptions = {}) {
    super(parameters);
    this.#learningRate = options.learningRate ?? 0.001;
    this.#beta1 = options.beta1 ?? 0.9;
    this.#beta2 = options.beta2 ?? 0.999;
    this.#epsilon = options.epsilon ?? 1e-8;
  }

  protected initialSlot(): NumericSlot {
    return { first: 0, second: 0, count: 0 };
  }

  protected update(value: number, gradient: number, slot: NumericSlot) {
    // Each parameter counts its own updates, so one that skipped a step is still bias-corrected right.
    const count = slot.count! + 1;
    const first = this.#beta1 * slot.first! + (1 - this.#beta1) * gradient;
    const second = this.#beta2 * slot.second! + (1 - this.#beta2) * gradient * gradient;
    const firstCorrected = first / (1 - this.#beta1 ** count);
    const secondCorrected = second / (1 - this.#beta2 ** count);
    return {
      value:
        value -
        (this.#learningRate * firstCorrected) / (Math.sqrt(secondCorrected) + this.#epsilon),
      slot: { first, second, count },
    };
  }
}
