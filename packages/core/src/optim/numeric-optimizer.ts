import { GradientPropagator, gradientOf } from '../backward/gradient-propagator.js';
import type { Node } from '../graph/node.js';
import type { ParameterSource } from './optimizer.js';
import { PropagatingOptimizer } from './propagating-optimizer.js';
import type { Proposal, ProposingOptimizer } from './proposing-optimizer.js';

/** One parameter's change in a numeric step. */
export interface NumericUpdate {
  readonly name: string;
  readonly before: number;
  readonly after: number;
  readonly gradient: number;
}

/** What a numeric optimizer's step did. */
export interface NumericStepRecord {
  /** Step number, from 1. */
  readonly step: number;
  /** Parameters that changed. */
  readonly updates: readonly NumericUpdate[];
  /** Parameters skipped (no feedback, or not a finite number), with the reason. */
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
}

/** A numeric optimizer's per-parameter state (moments, velocity): finite numbers by name. */
export type NumericSlot = Readonly<Record<string, number>>;

/** What {@link NumericOptimizer.exportState} returns: plain JSON. */
export interface NumericOptimizerState {
  /** Always `trace.numeric-optimizer`: tells a numeric state from another optimizer's. */
  readonly format: 'trace.numeric-optimizer';
  /** The format's version (1). */
  readonly version: 1;
  /** The optimizer that wrote it, e.g. `adam`, `sgd`. */
  readonly optimizer: string;
  /** Steps applied so far. */
  readonly step: number;
  /** Each parameter's slot, in the order of `parameters`, with its name for checking. */
  readonly slots: readonly { readonly name: string; readonly slot: NumericSlot }[];
}

const stateFormat = 'trace.numeric-optimizer';
const proposalOwner = new WeakMap<object, NumericOptimizer>();
const nameBase = (name: string) => name.replace(/:\d+$/, '');

/**
 * Base of gradient-based optimizers over numeric parameters: backward uses `GradientPropagator`, and a
 * step applies `update` to each parameter that received a gradient. Implements `ProposingOptimizer`:
 * `propose` computes the new values and the new per-parameter state (moments, velocity) and the step
 * count without committing any of it; `apply` commits them all. A parameter whose update is not finite
 * (a NaN or infinite gradient) is skipped and its state stays as it was, so later finite gradients
 * update it normally.
 */
export abstract class NumericOptimizer
  extends PropagatingOptimizer<NumericStepRecord>
  implements ProposingOptimizer<NumericStepRecord>
{
  #steps = 0;
  #slots: NumericSlot[];

  constructor(parameters: ParameterSource) {
    super(parameters, new GradientPropagator());
    this.#slots = this.parameters.map(() => this.initialSlot());
  }

  /** Short name written in proposals and exported state, e.g. `adam`. */
  protected abstract readonly optimizerName: string;

  /** A parameter's state before its first update (e.g. zero moments). */
  protected abstract initialSlot(): NumericSlot;

  /**
   * The new value and new state of a parameter given its value, gradient and current state, at step
   * `step` (from 1). Must not change anything: the base commits the result only when it is finite.
   */
  protected abstract update(
    value: number,
    gradient: number,
    slot: NumericSlot,
    step: number,
  ): { value: number; slot: NumericSlot };

  /** Computes the next step's values and state from the gradients the parameters hold; changes nothing. */
  async propose(): Promise<Proposal<NumericStepRecord>> {
    const step = this.#steps + 1;
    const updates: NumericUpdate[] = [];
    const skipped: { name: string; reason: string }[] = [];
    const values = new Map<Node, unknown>();
    const slots = [...this.#slots];
    this.parameters.forEach((parameter, index) => {
      const value = parameter._data;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        skipped.push({
          name: parameter.name,
          reason: `value ${String(value)} is not a finite number`,
        });
        return;
      }
      if (parameter.feedback.length === 0) {
        skipped.push({ name: parameter.name, reason: 'received no feedback' });
        return;
      }
      const gradient = gradientOf(parameter);
      if (!Number.isFinite(gradient)) {
        skipped.push({
          name: parameter.name,
          reason: `gradient ${gradient} is not finite; value and state kept`,
        });
        return;
      }
      const result = this.update(value, gradient, this.#slots[index]!, step);
      if (!Number.isFinite(result.value) || !Object.values(result.slot).every(Number.isFinite)) {
        skipped.push({
          name: parameter.name,
          reason: `update gave ${result.value}; value and state kept`,
        });
        return;
      }
      values.set(parameter, result.value);
      slots[index] = result.slot;
      updates.push({ name: parameter.name, before: value, after: result.value, gradient });
    });
    const state = { step, slots };
    const proposal: Proposal<NumericStepRecord> = {
      optimizer: this.optimizerName,
      step,
      values,
      record: { step, updates, skipped },
      state,
    };
    proposalOwner.set(state, this);
    return proposal;
  }

  /** Commits `proposal` (values, state, step count) all or nothing and returns its record. */
  async apply(proposal: Proposal<NumericStepRecord>): Promise<NumericStepRecord> {
    const state = proposal.state as { step: number; slots: NumericSlot[] } | undefined;
    if (typeof state !== 'object' || state === null || proposalOwner.get(state) !== this) {
      throw new TypeError(
        `This ${this.optimizerName} optimizer cannot apply a proposal it did not make (it was made by '${String(proposal.optimizer)}'). Call propose() on the same optimizer.`,
      );
    }
    for (const [parameter, value] of proposal.values) {
      const index = this.parameters.indexOf(parameter);
      if (index < 0 || typeof value !== 'number' || !Number.isFinite(value)) {
        throw new TypeError(
          `The proposal sets '${parameter.name}' to ${String(value)}, which this optimizer cannot apply: it is not one of its parameters or not a finite number.`,
        );
      }
    }
    for (const [parameter, value] of proposal.values) parameter.data = value;
    this.#slots = [...state.slots];
    this.#steps = state.step;
    return proposal.record;
  }

  /** Updates the parameters from the feedback they hold, and says what changed. */
  async step(): Promise<NumericStepRecord> {
    return this.apply(await this.propose());
  }

  /** The step count and each parameter's state (moments, velocity) as plain JSON. */
  exportState(): NumericOptimizerState {
    return {
      format: stateFormat,
      version: 1,
      optimizer: this.optimizerName,
      step: this.#steps,
      slots: this.parameters.map((parameter, index) => ({
        name: parameter.name,
        slot: { ...this.#slots[index]! },
      })),
    };
  }

  /** Restores what `exportState` returned; throws a clear error on a foreign or corrupt state. */
  loadState(state: unknown): void {
    const fail: (problem: string) => never = (problem) => {
      throw new TypeError(
        `Cannot load this state into a ${this.optimizerName} optimizer: ${problem}. Pass what exportState() of a ${this.optimizerName} optimizer over the same parameters returned.`,
      );
    };
    if (typeof state !== 'object' || state === null) fail(`got ${String(state)}`);
    const candidate = state as Partial<NumericOptimizerState>;
    if (candidate.format !== stateFormat) fail(`its format is ${String(candidate.format)}`);
    if (candidate.version !== 1) fail(`its version ${String(candidate.version)} is not 1`);
    if (candidate.optimizer !== this.optimizerName) {
      fail(`it was written by '${String(candidate.optimizer)}'`);
    }
    const step = candidate.step;
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) {
      fail(`its step ${String(step)} is not a whole number >= 0`);
    }
    const slots = candidate.slots;
    if (!Array.isArray(slots) || slots.length !== this.parameters.length) {
      fail(
        `it has ${Array.isArray(slots) ? slots.length : 'no'} parameter slots, the optimizer has ${this.parameters.length} parameters`,
      );
    }
    const template = Object.keys(this.initialSlot()).sort().join(',');
    const loaded = slots.map((entry: unknown, index) => {
      const { name, slot } = (entry ?? {}) as { name?: unknown; slot?: unknown };
      // Names are `base:counter` and the counter depends on creation order, so the bases are compared.
      const expected = this.parameters[index]!.name;
      if (typeof name !== 'string' || nameBase(name) !== nameBase(expected)) {
        return fail(`slot ${index} is for '${String(name)}', not '${expected}'`);
      }
      if (typeof slot !== 'object' || slot === null) return fail(`slot ${index} is not an object`);
      const record = slot as Record<string, unknown>;
      if (Object.keys(record).sort().join(',') !== template) {
        return fail(`slot ${index} has fields ${Object.keys(record).join(', ')}, not ${template}`);
      }
      for (const [key, value] of Object.entries(record)) {
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          return fail(`slot ${index}.${key} is ${String(value)}, not a finite number`);
        }
      }
      return { ...record } as NumericSlot;
    });
    this.#slots = loaded;
    this.#steps = step;
  }
}
