import { bundle } from '../bundle/bundle.js';
import type { BundleOptions } from '../bundle/bundle-options.js';
import { operatorsOf, registerNamed } from './operator-registry.js';

/** Method wrappers returned by the decorators, to tell decorated overrides from plain ones. */
const decoratedWrappers = new WeakSet<object>();

/**
 * Method decorator (TypeScript 5 standard decorators): turns a method into a traced operator, one per
 * instance. TypeScript cannot let a decorator change a method's type: the method returns a
 * `MessageNode` at run time, so declare its return type as `any` (or use `Module#operator`, which is
 * fully typed).
 *
 * Inheritance: a subclass may override a decorated method, decorated or not. `this.m(...)` runs the
 * most derived definition and `super.m(...)` runs the base's operator (never the override again). The
 * base's code parameter stays a parameter (`m.__code`) only under a plain override that calls
 * `super.m`, where the base operator is traced. Under a decorated override it runs nested, as a plain
 * function recording nothing, and under an override that never calls `super.m` it never runs: in both
 * cases it is not a parameter, so optimizers never train code that receives no feedback.
 *
 * @example
 * class Agent extends Module {
 *   @bundled({ description: 'Formats the question.' })
 *   prepare(question: string): any { return `Q: ${question}`; }
 * }
 */
export function bundled(options: BundleOptions = {}) {
  return <This extends object, Method extends (this: This, ...args: any[]) => any>(
    method: Method,
    context: ClassMethodDecoratorContext<This, Method>,
  ): Method => {
    if (context.static || context.private) {
      throw new TypeError(
        `@bundled/@trainable apply to public instance methods, not to '${String(context.name)}'.`,
      );
    }
    const name = String(context.name);
    const wrapper = function (this: This, ...args: unknown[]) {
      const operator = operatorsOf(this).byMethod.get(wrapper);
      if (operator === undefined) {
        throw new TypeError(
          `'${name}' is a decorated method of another class: call it on an instance of a class that declares or inherits it.`,
        );
      }
      return operator(...args);
    } as Method;
    decoratedWrappers.add(wrapper);
    context.addInitializer(function (this: This) {
      const operator = bundle(method as (...args: any[]) => any, {
        name,
        ...options,
        thisArg: this,
      });
      const registry = operatorsOf(this);
      registry.byMethod.set(wrapper, operator);
      const path = listedPath(this, name, wrapper);
      if (path !== undefined) registerNamed(registry, path, operator);
    });
    return wrapper;
  };
}

/**
 * Where the operator behind `wrapper` is listed for `instance`: `name` when `this.name` runs it as a
 * traced operator (directly, or through plain overrides that call `super.name`); undefined when a
 * decorated override runs it nested (untraced) or an override never calls `super.name`.
 */
function listedPath(instance: object, name: string, wrapper: object): string | undefined {
  for (
    let prototype = Object.getPrototypeOf(instance);
    prototype !== null;
    prototype = Object.getPrototypeOf(prototype)
  ) {
    const own = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
    if (own === undefined) continue;
    if (own === wrapper) return name;
    if (typeof own !== 'function' || decoratedWrappers.has(own) || !callsSuper(own, name))
      return undefined;
  }
  return undefined;
}

/** True when the override's source calls `super.<name>` (or reads `super[...]`). */
function callsSuper(override: object, name: string): boolean {
  const source = String(override);
  const escaped = name.replace(/[$]/g, '\\$');
  return new RegExp(`\\bsuper\\s*(\\.\\s*${escaped}\\b|\\[)`).test(source);
}

/**
 * Method decorator: a traced operator whose source is a parameter (a trainable method). The code runs in
 * the WASM sandbox unless `execution: 'trusted'`; it must be self-contained.
 *
 * @example
 * class Policy extends Module {
 *   @trainable({ description: 'Chooses where to shoot.' })
 *   act(map: string[][]): any { return [0, 0]; }
 * }
 */
export function trainable(options: Omit<BundleOptions, 'trainable'> = {}) {
  return bundled({ ...options, trainable: true });
}
