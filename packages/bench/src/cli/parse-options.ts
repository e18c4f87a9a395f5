import { InvalidArgumentError } from 'commander';

/** Parses a positive integer option, or says which option is wrong. */
export function positiveInteger(name: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed < 1) {
      throw new InvalidArgumentError(`--${name} takes a positive integer; got '${value}'.`);
    }
    return parsed;
  };
}

/** Parses a comma-separated list (empty items dropped). */
export function commaList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Parses `smoke` or `paper`. */
export function runSize(value: string): 'smoke' | 'paper' {
  if (value !== 'smoke' && value !== 'paper') {
    throw new InvalidArgumentError(`--size is smoke or paper; got '${value}'.`);
  }
  return value;
}

/** Parses a positive finite number (e.g. dollars). */
export function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed <= 0) {
    throw new InvalidArgumentError(`expected a positive number; got '${value}'.`);
  }
  return parsed;
}

/** Parses `native` or `uxsim`. */
export function simulatorName(value: string): 'native' | 'uxsim' {
  if (value !== 'native' && value !== 'uxsim') {
    throw new InvalidArgumentError(`--simulator is native or uxsim; got '${value}'.`);
  }
  return value;
}
