import type { TracedFunction } from '../bundle/bundle.js';

const registryKey = Symbol.for('@trace/core.moduleOperators');

type AnyTraced = TracedFunction<any[], any>;

/** The traced operators one module instance owns. */
export interface OperatorRegistry {
  /**
   * Operators by the path under which their code parameter is listed (`act`, `act.super`, or an
   * operator's name for `Module#operator`). Only operators whose code can run are listed.
   */
  readonly named: Map<string, AnyTraced>;
  /**
   * The operator behind each decorated method, keyed by the method wrapper the decorator returned, so
   * that a method never runs another operator of the same name (an override, or `Module#operator`).
   */
  readonly byMethod: Map<object, AnyTraced>;
}

/** The traced operators a module instance owns (from decorators and `Module#operator`). */
export function operatorsOf(instance: object): OperatorRegistry {
  const holder = instance as { [registryKey]?: OperatorRegistry };
  let registry = holder[registryKey];
  if (registry === undefined) {
    registry = { named: new Map(), byMethod: new Map() };
    Object.defineProperty(instance, registryKey, { value: registry, enumerable: false });
  }
  return registry;
}

/** Adds `operator` under `name`, or `name#2`, `name#3`... when another operator holds `name`. */
export function registerNamed(registry: OperatorRegistry, name: string, operator: AnyTraced): void {
  let key = name;
  for (let suffix = 2; registry.named.has(key); suffix += 1) key = `${name}#${suffix}`;
  registry.named.set(key, operator);
}
