/**
 * Runs at most `limit` tasks at once, starting waiting tasks in arrival order. TextGrad puts every
 * model call of a step through one, so a wide backward level does not flood the model (a model
 * wrapped in `withLimits` still applies its own limits on top).
 */
export class CallLimiter {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Runs `task` once a slot is free and resolves (or rejects) with its result. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#limit) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next === undefined) this.#running -= 1;
      else next();
    }
  }
}
