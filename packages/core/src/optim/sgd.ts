import { NumericOptimizer, type NumericSlot } from './numeric-optimizer.js';
import type { ParameterSource } from './optimizer.js';

/** Options of `SGD`. */
export interface SGDOptions {
  /** Step size (default 0.01). */
  readonly learningRate?: number;
  /** Momentum factor in [0, 1) (default 0). */
  readonly momentum?: number;
}

/**
 * Stochastic gradient descent over numeric parameters: `x -= learningRate * velocity`, where velocity
 * accumulates gradients with `momentum`. Minimizes the output backward was called on.
 */
export class SGD extends NumericOptimizer {
  protected readonly optimizerName = 'sgd';
  readonly #learningRate: number;
  readonly #momentum: number;

  constructor(parameters: ParameterSource, options: SGDOptions = {}) {
    super(parameters);
    this.#learningRate = options.learningRate ?? 0.01;
    this.#momentum = options.momentum ?? 0;
  }

  protected initialSlot(): NumericSlot {
    return { velocity: 0 };
  }

  protected update(value: number, gradient: number, slot: NumericSlot) {
    const velocity = this.#momentum * slot.velocity! + gradient;
    return { value: value - this.#learningRate * velocity, slot: { velocity } };
  }
}
