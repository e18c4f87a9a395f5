import { BridgeArgumentError } from './errors/bridge-argument-error.js';
import { PythonBridgeClosedError } from './errors/python-bridge-closed-error.js';
import { PythonBridgeError } from './errors/python-bridge-error.js';
import { PythonCallTimeoutError } from './errors/python-call-timeout-error.js';
import { PythonStartError } from './errors/python-start-error.js';
import { locateServerScript } from './locate-server-script.js';
import { PROTOCOL_VERSION, type ProtocolMethod } from './protocol.js';
import { PythonProcess } from './python-process.js';
import { readDescription, readReset, readServerInfo, readStep } from './results.js';
import type {
  BridgeServerInfo,
  PythonCallOptions,
  PythonEnvironmentDescription,
  PythonEnvironmentState,
  PythonResetOptions,
  PythonResetResult,
  PythonStepResult,
} from './types.js';

/** Options of a PythonEnvironment. Only `id` is required. */
export interface PythonEnvironmentOptions {
  /**
   * The environment id: `trace/point-mass-reach-v0` (stand-in, standard library only),
   * `llf-metaworld-reach-v2` (LLF-Bench), `uxsim-intersection` (UXSim), any Gymnasium id, or a
   * Python entry point `python:package.module:factory`.
   */
  readonly id: string;
  /** Keyword arguments for the environment's constructor (`llfbench.make`, `gymnasium.make`, ...). */
  readonly kwargs?: Readonly<Record<string, unknown>>;
  /** Python executable. Default: the TRACE_PYTHON variable, else `python3` (`python` on Windows). */
  readonly python?: string;
  /** Path of the server script; default: `python/trace_bridge_server.py` shipped in the package. */
  readonly serverScript?: string;
  /** Working directory of the Python process. */
  readonly cwd?: string;
  /** Extra environment variables for the Python process (e.g. PYTHONPATH for your own envs). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Time allowed for the process to start and answer the handshake. Default 15,000 ms. */
  readonly startupTimeoutMs?: number;
  /** Time allowed for `make` (importing Meta-World can take a while). Default 120,000 ms. */
  readonly makeTimeoutMs?: number;
  /** Default time limit of `reset`, `step` and `ping`. Default 30,000 ms. */
  readonly callTimeoutMs?: number;
  /** Time allowed for a clean exit on `close()` before the process is killed. Default 2,000 ms. */
  readonly shutdownTimeoutMs?: number;
  /** How many characters of stderr to keep for error messages. Default 8,192. */
  readonly stderrTailChars?: number;
  /** Receives the process's stderr as it arrives (it is not printed otherwise). */
  readonly onStderr?: (text: string) => void;
}

const DEFAULTS = {
  startupTimeoutMs: 15_000,
  makeTimeoutMs: 120_000,
  callTimeoutMs: 30_000,
  shutdownTimeoutMs: 2_000,
  stderrTailChars: 8_192,
};

/** The Python executable used when no `python` option is given. */
export function defaultPythonExecutable(): string {
  const fromEnvironment = process.env.TRACE_PYTHON;
  if (fromEnvironment !== undefined && fromEnvironment.trim() !== '') return fromEnvironment;
  return process.platform === 'win32' ? 'python' : 'python3';
}

/**
 * A gym-style environment living in a Python process, driven over the bridge's JSON-lines
 * protocol. One process per environment. Calls may overlap (they are correlated by id and the
 * server answers them in order). A crash, hang or protocol violation fails the pending calls with
 * a typed error that names the environment and carries the end of stderr; `restart()` starts a
 * fresh process. Children are killed when Node exits.
 *
 * @example
 * ```ts
 * const env = await startPythonEnvironment({ id: 'trace/point-mass-reach-v0' });
 * try {
 *   const first = await env.reset({ seed: 0 });
 *   const next = await env.step([0, 0.1, 0, 0]);
 *   console.log(first.instruction, next.reward, next.feedback);
 * } finally {
 *   await env.close();
 * }
 * ```
 */
export class PythonEnvironment<Observation = unknown, Action = unknown> {
  private readonly options: PythonEnvironmentOptions;
  private process: PythonProcess | undefined;
  /** Every process this environment started that has not exited yet (close() waits for all). */
  private readonly live = new Set<PythonProcess>();
  /** The start-up in progress (spawn, handshake, make); it never rejects. */
  private transition: Promise<void> | undefined;
  /** Bumped by restart() and close(): a start-up of an older generation is superseded. */
  private generation = 0;
  private closing: Promise<void> | undefined;
  private failure: PythonBridgeError | undefined;
  private currentState: PythonEnvironmentState = 'idle';
  private serverInfo: BridgeServerInfo | undefined;
  private environmentDescription: PythonEnvironmentDescription | undefined;

  constructor(options: PythonEnvironmentOptions) {
    if (typeof options.id !== 'string' || options.id.trim() === '') {
      throw new BridgeArgumentError(
        'PythonEnvironment needs an environment id, e.g. { id: "trace/point-mass-reach-v0" }.',
      );
    }
    this.options = options;
  }

  /** The environment id. */
  get id(): string {
    return this.options.id;
  }

  /** The Python executable this environment starts. */
  get python(): string {
    return this.options.python ?? defaultPythonExecutable();
  }

  /** `idle` before start, `ready` while healthy, `failed` after a crash, hang or bad start. */
  get state(): PythonEnvironmentState {
    if (this.currentState === 'ready' && this.process !== undefined && !this.process.alive) {
      return 'failed';
    }
    return this.currentState;
  }

  /** Process id of the current Python process, if one was started. */
  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** The handshake's answer (Python version, importable packages), once started. */
  get server(): BridgeServerInfo | undefined {
    return this.serverInfo;
  }

  /** What `make` reported (spaces, time limit), once started. */
  get description(): PythonEnvironmentDescription | undefined {
    return this.environmentDescription;
  }

  /** The end of the current process's stderr. */
  stderrTail(): string {
    return this.process?.stderrTail() ?? '';
  }

  /**
   * Starts the process and makes the environment; calls do this on first use too. After a failed
   * start it rethrows that failure: call `restart()` to try again. When a `restart()` replaces the
   * start-up in progress, this waits for the restarted one; after `close()` it rejects (CLOSED).
   */
  async start(): Promise<this> {
    for (;;) {
      if (this.currentState === 'closed') throw this.closedError('start');
      if (this.currentState === 'ready') return this;
      if (this.currentState === 'failed' && this.failure !== undefined) throw this.failure;
      if (this.transition === undefined) {
        this.currentState = 'starting';
        this.launch(this.generation);
      }
      await this.transition;
    }
  }

  /** Starts an episode. */
  async reset(options: PythonResetOptions = {}): Promise<PythonResetResult<Observation>> {
    const { seed } = options;
    if (seed !== undefined && !Number.isSafeInteger(seed)) {
      throw new BridgeArgumentError(`The seed must be an integer, got ${String(seed)}.`, {
        environmentId: this.id,
      });
    }
    const result = await this.call(
      'reset',
      { seed: seed ?? null, options: options.options ?? null },
      options.timeoutMs,
    );
    return readReset<Observation>(this.id, result);
  }

  /** Takes one step with `action` (any JSON value the environment accepts). */
  async step(
    action: Action,
    options: PythonCallOptions = {},
  ): Promise<PythonStepResult<Observation>> {
    const result = await this.call('step', { action }, options.timeoutMs);
    return readStep<Observation>(this.id, result);
  }

  /** Round trip to the server; resolves with `payload` echoed back. */
  async ping<Payload>(payload?: Payload, options: PythonCallOptions = {}): Promise<Payload> {
    const result = (await this.call('ping', { payload: payload ?? null }, options.timeoutMs)) as {
      payload: Payload;
    };
    return result.payload;
  }

  /**
   * Kills the current process (pending calls fail with a CLOSED error) and starts a fresh one
   * with the same id and kwargs. The new environment needs a `reset` before `step`. Lifecycle
   * changes are serialized: concurrent restarts end with one fresh process (each call resolves once
   * it is ready), and a `close()` during a restart wins (the restart rejects with CLOSED and no
   * process is left).
   */
  async restart(): Promise<this> {
    if (this.currentState === 'closed') throw this.closedError('restart');
    this.generation += 1;
    const previous = this.process;
    this.process = undefined;
    this.currentState = 'starting';
    this.failure = undefined;
    this.serverInfo = undefined;
    this.environmentDescription = undefined;
    // Killing first also ends a start-up that hangs, instead of waiting for its time limit.
    if (previous !== undefined) await previous.stop('restarted');
    // A start-up of the previous generation notices it was superseded, stops its process and ends.
    await this.transition;
    return this.start();
  }

  /**
   * Closes the environment and ends every process it started (killing one that does not exit in
   * time, or that is still starting). Resolves once all of them have exited; afterwards every call,
   * `start()` and `restart()` reject with CLOSED. Calling it again returns the same promise.
   */
  close(): Promise<void> {
    this.closing ??= this.closeNow();
    return this.closing;
  }

  private async closeNow(): Promise<void> {
    const graceful = this.currentState === 'ready' && this.transition === undefined;
    this.currentState = 'closed';
    this.generation += 1;
    const current = this.process;
    const shutdownTimeoutMs = this.options.shutdownTimeoutMs ?? DEFAULTS.shutdownTimeoutMs;
    await Promise.all(
      [...this.live].map((child) =>
        graceful && child === current ? child.shutdown(shutdownTimeoutMs) : child.stop('closed'),
      ),
    );
    await this.transition;
  }

  private async call(
    method: ProtocolMethod,
    params: Record<string, unknown>,
    timeoutMs: number | undefined,
  ): Promise<unknown> {
    if (this.currentState === 'closed') throw this.closedError(method);
    if (this.currentState === 'idle' || this.currentState === 'starting') await this.start();
    if (this.failure !== undefined) throw this.failure;
    const current = this.process;
    if (current === undefined) throw this.closedError(method);
    return current.request(
      method,
      params,
      timeoutMs ?? this.options.callTimeoutMs ?? DEFAULTS.callTimeoutMs,
    );
  }

  /** True while start-ups of `generation` are still wanted (no later restart, not closed). */
  private isCurrent(generation: number): boolean {
    return generation === this.generation && this.currentState !== 'closed';
  }

  /** Starts the start-up of `generation` as the transition in progress. */
  private launch(generation: number): void {
    const transition = this.runLaunch(generation);
    this.transition = transition;
    void transition.finally(() => {
      if (this.transition === transition) this.transition = undefined;
    });
  }

  private async runLaunch(generation: number): Promise<void> {
    try {
      await this.spawnAndMake(generation);
      if (this.isCurrent(generation)) this.currentState = 'ready';
    } catch (error) {
      // Superseded by restart() or close(): they report to their own callers.
      if (!this.isCurrent(generation)) return;
      this.currentState = 'failed';
      this.failure = PythonBridgeError.isInstance(error)
        ? error
        : new PythonStartError({
            code: 'START_FAILED',
            environmentId: this.id,
            python: this.python,
            reason: String(error),
            cause: error,
          });
    }
  }

  /** Stops `child` and throws when a restart or close superseded the start-up of `generation`. */
  private async ensureCurrent(generation: number, child: PythonProcess): Promise<void> {
    if (this.isCurrent(generation)) return;
    await child.stop(this.currentState === 'closed' ? 'closed' : 'restarted');
    throw this.closedError('start');
  }

  private async spawnAndMake(generation: number): Promise<void> {
    const serverScript = this.options.serverScript ?? locateServerScript();
    if (serverScript === undefined) {
      throw new PythonStartError({
        code: 'START_FAILED',
        environmentId: this.id,
        python: this.python,
        reason: 'python/trace_bridge_server.py is missing from the @trace/envs package',
      });
    }
    const child = new PythonProcess({
      environmentId: this.id,
      python: this.python,
      serverScript,
      cwd: this.options.cwd,
      env: this.options.env,
      stderrTailChars: this.options.stderrTailChars ?? DEFAULTS.stderrTailChars,
      onStderr: this.options.onStderr,
    });
    this.process = child;
    this.live.add(child);
    void child.exited.then(() => this.live.delete(child));
    const startupTimeoutMs = this.options.startupTimeoutMs ?? DEFAULTS.startupTimeoutMs;
    let hello: unknown;
    try {
      hello = await child.request('hello', { protocol: PROTOCOL_VERSION }, startupTimeoutMs);
    } catch (error) {
      await child.stop('closed');
      await this.ensureCurrent(generation, child);
      const timedOut = PythonCallTimeoutError.isInstance(error);
      throw new PythonStartError({
        code: timedOut ? 'START_TIMEOUT' : 'START_FAILED',
        environmentId: this.id,
        python: this.python,
        reason: timedOut
          ? `no handshake within ${startupTimeoutMs} ms`
          : (child.describeTermination() ?? String(error)),
        stderrTail: child.stderrTail(),
        cause: error,
      });
    }
    await this.ensureCurrent(generation, child);
    const info = readServerInfo(this.id, hello);
    if (info.protocol !== PROTOCOL_VERSION) {
      await child.stop('closed');
      throw new PythonStartError({
        code: 'START_FAILED',
        environmentId: this.id,
        python: this.python,
        reason: `the server speaks protocol ${info.protocol} but this client speaks ${PROTOCOL_VERSION}; use the python/ folder of the same @trace/envs version`,
      });
    }
    this.serverInfo = info;
    try {
      const made = await child.request(
        'make',
        { env: this.id, kwargs: this.options.kwargs ?? {} },
        this.options.makeTimeoutMs ?? DEFAULTS.makeTimeoutMs,
      );
      await this.ensureCurrent(generation, child);
      this.environmentDescription = readDescription(this.id, made);
    } catch (error) {
      await child.shutdown(this.options.shutdownTimeoutMs ?? DEFAULTS.shutdownTimeoutMs);
      await this.ensureCurrent(generation, child);
      throw error;
    }
  }

  private closedError(method: string): PythonBridgeClosedError {
    return new PythonBridgeClosedError({ environmentId: this.id, method, reason: 'closed' });
  }
}

/**
 * Creates a PythonEnvironment and starts it (spawn, handshake, make).
 *
 * @example
 * ```ts
 * const env = await startPythonEnvironment({ id: 'CartPole-v1', python: '.venv/bin/python' });
 * ```
 */
export async function startPythonEnvironment<Observation = unknown, Action = unknown>(
  options: PythonEnvironmentOptions,
): Promise<PythonEnvironment<Observation, Action>> {
  const environment = new PythonEnvironment<Observation, Action>(options);
  try {
    return await environment.start();
  } catch (error) {
    await environment.close();
    throw error;
  }
}
