import { isCodeParameter, type Node } from '@trace/core';

/**
 * The type of a parameter's value as optimizers show and check it. `integer` and `json` are never
 * inferred: declare them (OptoPrime's and OPRO's `valueKinds` option) when a number must stay whole
 * or a value may take any JSON shape.
 */
export type ValueKind =
  | 'number'
  | 'integer'
  | 'boolean'
  | 'string'
  | 'code'
  | 'array'
  | 'record'
  | 'json';

/** Declared kinds by parameter; parameters not listed have their kind inferred from their value. */
export type ValueKinds = ReadonlyMap<Node, ValueKind>;

/**
 * The kind of `parameter`: the declared one, else `code` for a code parameter, else inferred from the
 * current value (`null`, `undefined` and other values accept any JSON value).
 */
export function valueKindOf(parameter: Node, declared?: ValueKinds): ValueKind {
  const kind = declared?.get(parameter);
  if (kind !== undefined) return kind;
  if (isCodeParameter(parameter)) return 'code';
  return inferValueKind(parameter.data);
}

/** The kind a value's type suggests. */
export function inferValueKind(value: unknown): ValueKind {
  switch (typeof value) {
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    case 'object':
      if (Array.isArray(value)) return 'array';
      if (value !== null && isPlainRecord(value)) return 'record';
      return 'json';
    default:
      return 'json';
  }
}

/** A plain object (`{}` or `Object.create(null)`), not a class instance, array or null. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The name of a value's type as optimizers print it: the kind, or `null`, `undefined`, `object`. */
export function typeNameOf(value: unknown, kind: ValueKind = inferValueKind(value)): string {
  if (kind !== 'json') return kind;
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  return typeof value === 'object' ? 'object' : typeof value;
}
