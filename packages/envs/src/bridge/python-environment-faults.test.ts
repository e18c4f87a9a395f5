import { afterEach, describe, expect, it } from 'vitest';
import { PythonCallTimeoutError } from './errors/python-call-timeout-error.js';
import { PythonEnvironmentError } from './errors/python-environment-error.js';
import { PythonProcessExitedError } from './errors/python-process-exited-error.js';
import { PythonProtocolError } from './errors/python-protocol-error.js';
import { PythonStartError } from './errors/python-start-error.js';
import {
  PythonEnvironment,
  type PythonEnvironmentOptions,
  startPythonEnvironment,
} from './python-environment.js';
import { fakePython, isProcessAlive, waitUntilGone } from './testing/process-helpers.js';

const FAULTS = 'trace/bridge-faults-v0';
const opened: PythonEnvironment[] = [];

async function open(options: Partial<PythonEnvironmentOptions> = {}): Promise<PythonEnvironment> {
  const environment = await startPythonEnvironment({ id: FAULTS, ...options });
  opened.push(environment);
  await environment.reset();
  return environment;
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((environment) => environment.close()));
});

describe('bridge faults', () => {
  it('reports a crash mid-call with the exit code, the environment and the stderr tail', async () => {
    const environment = await open();
    const pid = environment.pid ?? -1;
    const error = await failureOf(environment.step({ fault: 'crash' }));
    expect(PythonProcessExitedError.isInstance(error)).toBe(true);
    const exited = error as PythonProcessExitedError;
    expect(exited.exitCode).toBe(17);
    expect(exited.method).toBe('step');
    expect(exited.environmentId).toBe(FAULTS);
    expect(exited.isRetryable).toBe(true);
    expect(exited.message).toContain(FAULTS);
    expect(exited.message).toContain('restart()');
    expect(exited.stderrTail).toContain('simulated crash in the fault environment');
    expect(exited.message).toContain('simulated crash in the fault environment');
    expect(await waitUntilGone(pid)).toBe(true);
    expect(environment.state).toBe('failed');
    const next = await failureOf(environment.reset());
    expect(PythonProcessExitedError.isInstance(next)).toBe(true);
    await environment.restart();
    expect((await environment.step(3)).reward).toBe(3);
  }, 15_000);

  it('reports a SIGKILL from outside and leaves no zombie', async () => {
    const environment = await open();
    const pid = environment.pid ?? -1;
    const pending = failureOf(environment.step({ fault: 'hang' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.kill(pid, 'SIGKILL');
    const error = await pending;
    expect(PythonProcessExitedError.isInstance(error)).toBe(true);
    expect((error as PythonProcessExitedError).signal).toBe('SIGKILL');
    expect(error.message).toContain('killed by SIGKILL');
    expect(await waitUntilGone(pid)).toBe(true);
  }, 15_000);

  it('times out a hung call, kills the process, and fails the other pending calls', async () => {
    const environment = await open({ callTimeoutMs: 10_000 });
    const pid = environment.pid ?? -1;
    const hung = failureOf(environment.step({ fault: 'hang' }, { timeoutMs: 300 }));
    const queued = failureOf(environment.ping('queued behind the hang'));
    const error = await hung;
    expect(PythonCallTimeoutError.isInstance(error)).toBe(true);
    const timeout = error as PythonCallTimeoutError;
    expect(timeout.timeoutMs).toBe(300);
    expect(timeout.method).toBe('step');
    expect(timeout.message).toContain(`'${FAULTS}'`);
    const other = await queued;
    expect(PythonProcessExitedError.isInstance(other)).toBe(true);
    expect(other.message).toContain("'step' got no answer within 300 ms");
    expect(await waitUntilGone(pid)).toBe(true);
    await environment.restart();
    expect(await environment.ping(1)).toBe(1);
  }, 15_000);

  it('treats garbage on stdout as a protocol error and stops the process', async () => {
    const environment = await open();
    const pid = environment.pid ?? -1;
    const error = await failureOf(environment.step({ fault: 'garbage' }));
    expect(PythonProtocolError.isInstance(error)).toBe(true);
    expect((error as PythonProtocolError).line).toBe('this line is not JSON');
    expect(error.message).toContain('not JSON');
    expect(await waitUntilGone(pid)).toBe(true);
  }, 15_000);

  it('fails to start with a bad python path and says what to do', async () => {
    const environment = new PythonEnvironment({
      id: FAULTS,
      python: '/nonexistent/python3.99',
    });
    opened.push(environment);
    const error = await failureOf(environment.start());
    expect(PythonStartError.isInstance(error)).toBe(true);
    expect((error as PythonStartError).code).toBe('START_FAILED');
    expect(error.message).toContain('/nonexistent/python3.99');
    expect(error.message).toContain('ENOENT');
    expect(error.message).toContain('TRACE_PYTHON');
    expect(environment.state).toBe('failed');
    expect(await failureOf(environment.reset())).toBe(error);
  }, 15_000);

  it('honours TRACE_PYTHON when no python option is given', async () => {
    const previous = process.env.TRACE_PYTHON;
    process.env.TRACE_PYTHON = '/nonexistent/from-the-variable';
    try {
      const environment = new PythonEnvironment({ id: FAULTS });
      opened.push(environment);
      expect(environment.python).toBe('/nonexistent/from-the-variable');
      const error = await failureOf(environment.start());
      expect(error.message).toContain('/nonexistent/from-the-variable');
    } finally {
      if (previous === undefined) delete process.env.TRACE_PYTHON;
      else process.env.TRACE_PYTHON = previous;
    }
  }, 15_000);

  it('reports an interpreter that dies before the handshake with its stderr', async () => {
    const python = fakePython('echo "fake interpreter: cannot run $1" >&2\nexit 3');
    const error = await failureOf(startPythonEnvironment({ id: FAULTS, python }));
    expect(PythonStartError.isInstance(error)).toBe(true);
    expect(error.message).toContain('exited with code 3');
    expect((error as PythonStartError).stderrTail).toContain('fake interpreter: cannot run');
  }, 15_000);

  it('times out a start-up that never answers and kills the process', async () => {
    const python = fakePython('echo $$ >&2\nexec sleep 30');
    const environment = new PythonEnvironment({ id: FAULTS, python, startupTimeoutMs: 400 });
    opened.push(environment);
    const error = await failureOf(environment.start());
    expect(PythonStartError.isInstance(error)).toBe(true);
    expect((error as PythonStartError).code).toBe('START_TIMEOUT');
    expect(error.message).toContain('no handshake within 400 ms');
    const pid = Number((error as PythonStartError).stderrTail.trim());
    expect(pid).toBeGreaterThan(0);
    expect(await waitUntilGone(pid)).toBe(true);
  }, 15_000);

  it('names an unknown environment and what the bridge knows', async () => {
    const error = await failureOf(startPythonEnvironment({ id: 'no-such-environment' }));
    expect(PythonEnvironmentError.isInstance(error)).toBe(true);
    expect((error as PythonEnvironmentError).code).toBe('UNKNOWN_ENVIRONMENT');
    expect(error.message).toContain("Unknown environment 'no-such-environment'");
    expect(error.message).toContain('trace/point-mass-reach-v0');
  }, 15_000);

  it('says exactly what to pip install for a missing package (LLF-Bench Meta-World)', async () => {
    const environment = new PythonEnvironment({ id: 'llf-metaworld-reach-v2' });
    opened.push(environment);
    const error = await failureOf(environment.start());
    expect(PythonEnvironmentError.isInstance(error)).toBe(true);
    const missing = error as PythonEnvironmentError;
    expect(missing.code).toBe('MISSING_PACKAGE');
    expect(missing.install?.requirements).toEqual([
      'gymnasium==0.29.1',
      'mujoco<3',
      'metaworld @ git+https://github.com/Farama-Foundation/Metaworld.git@c822f28',
      'llfbench @ git+https://github.com/microsoft/LLF-Bench.git',
    ]);
    expect(missing.install?.command).toMatch(/-m pip install "gymnasium==0\.29\.1" "mujoco<3"/);
    expect(missing.message).toContain(missing.install?.command ?? 'missing command');
    expect(environment.state).toBe('failed');
    expect(await waitUntilGone(environment.pid ?? -1)).toBe(true);
  }, 15_000);

  it('says exactly what to pip install for UXSim and for a Gymnasium id', async () => {
    const uxsim = await failureOf(startPythonEnvironment({ id: 'uxsim-intersection' }));
    expect((uxsim as PythonEnvironmentError).install?.requirements).toEqual(['uxsim==1.3.0']);
    const gym = await failureOf(startPythonEnvironment({ id: 'CartPole-v1' }));
    expect((gym as PythonEnvironmentError).code).toBe('MISSING_PACKAGE');
    expect((gym as PythonEnvironmentError).install?.requirements).toEqual(['gymnasium']);
  }, 15_000);

  it('reports a failure inside make and shuts the process down', async () => {
    const environment = new PythonEnvironment({ id: FAULTS, kwargs: { fail_on_make: true } });
    opened.push(environment);
    const error = await failureOf(environment.start());
    expect((error as PythonEnvironmentError).code).toBe('ENVIRONMENT');
    expect(error.message).toContain('simulated failure while making');
    expect(await waitUntilGone(environment.pid ?? -1)).toBe(true);
  }, 15_000);

  it('bounds the stderr tail', async () => {
    const environment = await open({ stderrTailChars: 1_000 });
    await environment.step({ fault: 'stderr-flood', bytes: 100_000 });
    // stderr is a separate pipe: it may arrive a moment after the reply.
    for (let waited = 0; waited < 2_000 && !environment.stderrTail().includes('end of flood'); ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      waited += 20;
    }
    const tail = environment.stderrTail();
    expect(tail.length).toBeLessThanOrEqual(1_000);
    expect(tail).toContain('end of flood');
  }, 15_000);

  it('kills a process that ignores close within the shutdown time', async () => {
    const environment = await open({ shutdownTimeoutMs: 300 });
    const pid = environment.pid ?? -1;
    const hung = failureOf(environment.step({ fault: 'hang' }, { timeoutMs: 60_000 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await environment.close();
    expect(isProcessAlive(pid)).toBe(false);
    const error = await hung;
    expect(PythonProcessExitedError.isInstance(error)).toBe(true);
    expect(error.message).toContain("'close' got no answer within 300 ms");
  }, 15_000);
});

describe('replies the Python side cannot encode as they are', () => {
  it('survives an error message with a lone surrogate and passes it on unchanged', async () => {
    const environment = await open();
    const pid = environment.pid;
    const error = await failureOf(environment.step({ fault: 'surrogate' }));
    expect(PythonEnvironmentError.isInstance(error)).toBe(true);
    expect((error as PythonEnvironmentError).remoteMessage).toBe(
      'RuntimeError: the model replied: Great job \ud83d',
    );
    expect(environment.state).toBe('ready');
    expect(environment.pid).toBe(pid);
    expect((await environment.step(2)).reward).toBe(2);
  }, 15_000);

  it('says that a step whose reply cannot be encoded was applied', async () => {
    const environment = await open();
    const [major, minor] = (environment.server?.python ?? '0.0').split('.').map(Number);
    if ((major ?? 0) * 100 + (minor ?? 0) < 311) return; // the integer limit exists from 3.11
    const error = await failureOf(environment.step({ fault: 'unencodable' }));
    expect(PythonEnvironmentError.isInstance(error)).toBe(true);
    expect((error as PythonEnvironmentError).code).toBe('REPLY_NOT_ENCODABLE');
    expect(error.message).toMatch(/'step' was carried out .*Do not repeat the call/);
    // The step was applied: the counter moved on by 1 before this step adds 2.
    expect((await environment.step(2)).observation).toEqual({ counter: 3 });
  }, 15_000);
});

describe('stopping a start-up that hangs in make', () => {
  it('close() does not wait for the make time limit', async () => {
    const environment = new PythonEnvironment({
      id: FAULTS,
      kwargs: { hang_on_make: true },
      makeTimeoutMs: 60_000,
    });
    const starting = failureOf(environment.start());
    await new Promise((resolve) => setTimeout(resolve, 800));
    const pid = environment.pid ?? -1;
    expect(isProcessAlive(pid)).toBe(true);
    await environment.close();
    expect(await waitUntilGone(pid)).toBe(true);
    expect((await starting).message).toContain('closed');
  }, 15_000);

  it('restart() replaces a start-up that hangs', async () => {
    const environment = new PythonEnvironment({
      id: FAULTS,
      kwargs: { hang_on_make: true },
      makeTimeoutMs: 60_000,
    });
    opened.push(environment);
    const starting = failureOf(environment.start());
    await new Promise((resolve) => setTimeout(resolve, 800));
    const pid = environment.pid ?? -1;
    const restarting = failureOf(environment.restart());
    expect(await waitUntilGone(pid)).toBe(true);
    // The first start-up waits for the restarted one (which hangs in make too) instead of failing
    // with the error of the process the restart replaced.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const restartedPid = environment.pid ?? -1;
    expect(restartedPid).not.toBe(pid);
    expect(isProcessAlive(restartedPid)).toBe(true);
    await environment.close();
    expect(isProcessAlive(restartedPid)).toBe(false);
    expect((await starting).message).toContain('closed');
    expect((await restarting).message).toContain('closed');
  }, 15_000);
});
