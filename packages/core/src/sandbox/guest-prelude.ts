import { cutMark, failureCaps } from './failure-caps.js';
import { maximumDepth } from './wire-format.js';

/** File name the bridge code runs under inside the VM (it shows in guest stack traces). */
export const preludeFileName = 'trace-sandbox-bridge.js';

const consoleLineLimit = failureCaps.consoleLines;
const consoleLineLength = failureCaps.consoleLineChars;

/**
 * Source of the guest half of the bridge, evaluated in every VM before any proposed code. It is an
 * expression: a function taking the host-call function and the host function names (JSON), returning
 * `{ install, call, take, logs }`. It captures the built-ins it uses first, so proposed code
 * that patches `JSON` or `Object` later cannot break the encoding. Results leave the VM as text
 * tagged by their first character: `R` wire text, `E` a thrown error (JSON), `U` an
 * unserializable value (JSON), `P` still pending.
 *
 * Containment does not depend on this code: the host only ever receives strings from it.
 */
export const guestPrelude = `(function (hostCall, hostNamesJson) {
  'use strict';
  const JSONParse = JSON.parse;
  const JSONStringify = JSON.stringify;
  const ObjectKeys = Object.keys;
  const defineProperty = Object.defineProperty;
  const hasOwn = Object.hasOwn;
  const tagOf = Object.prototype.toString;
  const isArray = Array.isArray;
  const isView = ArrayBuffer.isView;
  const ReflectApply = Reflect.apply;
  const StringSlice = String.prototype.slice;
  const RegExpTest = RegExp.prototype.test;
  const identifierPattern = /^[A-Za-z_$][\\w$]*$/;
  const PromiseThen = Promise.prototype.then;
  const StringOf = String;
  const ErrorOf = Error;
  const TypeErrorOf = TypeError;
  const specialValues = { undefined: undefined, NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };
  const rejectedTags = { Map: 1, Set: 1, WeakMap: 1, WeakSet: 1, WeakRef: 1, Promise: 1, RegExp: 1,
    Error: 1, ArrayBuffer: 1, SharedArrayBuffer: 1, DataView: 1, Generator: 1, AsyncGenerator: 1 };
  const maximumDepth = ${maximumDepth};
  const hostNames = JSONParse(hostNamesJson);
  let target;
  let outcome;
  let consoleLines = [];

  function Problem(path, found, cycleTarget) {
    this.path = path;
    this.found = found;
    this.target = cycleTarget;
  }
  function cut(text, start, end) {
    return ReflectApply(StringSlice, text, [start, end]);
  }
  function capped(text, limit) {
    return text.length <= limit ? text : cut(text, 0, limit) + ${JSON.stringify(cutMark)};
  }
  function copyList(list, start, end) {
    const copy = [];
    const stop = end === undefined ? list.length : end;
    for (let index = start; index < stop; index += 1) copy[index - start] = list[index];
    return copy;
  }
  function tag(value) {
    return cut(ReflectApply(tagOf, value, []), 8, -1);
  }
  function formatPath(root, path) {
    let text = root;
    for (let index = 0; index < path.length; index += 1) {
      const key = path[index];
      if (typeof key === 'number') text += '[' + key + ']';
      else if (ReflectApply(RegExpTest, identifierPattern, [key])) text += '.' + key;
      else text += '[' + JSONStringify(key) + ']';
    }
    return text;
  }
  function specialName(value) {
    if (value === undefined) return 'undefined';
    if (typeof value !== 'number') return undefined;
    if (value - value === 0) return value === 0 && 1 / value < 0 ? '-0' : undefined;
    if (value !== value) return 'NaN';
    return value > 0 ? 'Infinity' : '-Infinity';
  }
  function setOwn(object, key, value) {
    defineProperty(object, key, { value: value, enumerable: true, writable: true, configurable: true });
  }
  function copyValue(value, path, ancestors, specials) {
    const special = specialName(value);
    if (special !== undefined) {
      specials[specials.length] = [copyList(path, 0), special];
      return null;
    }
    const type = typeof value;
    if (value === null || type === 'string' || type === 'number' || type === 'boolean') return value;
    if (type !== 'object') throw new Problem(copyList(path, 0), type === 'bigint' ? 'bigint' : type);
    for (let index = 0; index < ancestors.length; index += 1) {
      if (ancestors[index] === value) throw new Problem(copyList(path, 0), 'circular', copyList(path, 0, index));
    }
    if (ancestors.length >= maximumDepth) throw new Problem(copyList(path, 0), 'too deep');
    const toJson = value.toJSON;
    if (typeof toJson === 'function') {
      const key = path.length === 0 ? '' : StringOf(path[path.length - 1]);
      return copyValue(ReflectApply(toJson, value, [key]), path, ancestors, specials);
    }
    if (isView(value)) throw new Problem(copyList(path, 0), 'typed array');
    const found = tag(value);
    if (hasOwn(rejectedTags, found)) throw new Problem(copyList(path, 0), found);
    ancestors[ancestors.length] = value;
    let copy;
    if (isArray(value)) {
      const length = value.length;
      copy = [];
      for (let index = 0; index < length; index += 1) {
        path[path.length] = index;
        copy[index] = copyValue(value[index], path, ancestors, specials);
        path.length -= 1;
      }
    } else {
      copy = {};
      const keys = ObjectKeys(value);
      for (let index = 0; index < keys.length; index += 1) {
        const key = keys[index];
        path[path.length] = key;
        setOwn(copy, key, copyValue(value[key], path, ancestors, specials));
        path.length -= 1;
      }
    }
    ancestors.length -= 1;
    return copy;
  }
  function encode(value) {
    const specials = [];
    const copy = copyValue(value, [], [], specials);
    return JSONStringify(specials.length === 0 ? [copy] : [copy, specials]);
  }
  function decode(text) {
    const wire = JSONParse(text);
    const specials = wire[1];
    if (specials !== undefined) {
      for (let index = 0; index < specials.length; index += 1) {
        const path = specials[index][0];
        let holder = wire;
        let key = 0;
        for (let step = 0; step < path.length; step += 1) {
          holder = holder[key];
          key = path[step];
        }
        setOwn(holder, key, specialValues[specials[index][1]]);
      }
    }
    return wire[0];
  }
  function describeThrown(error) {
    const described = { isError: false, name: '', message: '', stack: '' };
    try {
      if (error !== null && (typeof error === 'object' || typeof error === 'function')) {
        const name = error.name;
        const message = error.message;
        const stack = error.stack;
        described.isError = typeof stack === 'string' || tag(error) === 'Error';
        described.name = typeof name === 'string' ? name : '';
        described.message = message === undefined ? StringOf(error) : StringOf(message);
        described.stack = typeof stack === 'string' ? stack : '';
      } else {
        described.message = typeof error === 'string' ? JSONStringify(error) : StringOf(error);
      }
    } catch (unreadable) {
      described.message = '(the thrown value could not be read)';
    }
    described.name = capped(described.name, ${failureCaps.nameChars});
    described.message = capped(described.message, ${failureCaps.messageChars});
    described.stack = capped(described.stack, ${failureCaps.stackChars});
    return 'E' + JSONStringify(described);
  }
  function finish(value) {
    try {
      return 'R' + encode(value);
    } catch (error) {
      if (error instanceof Problem) return 'U' + JSONStringify(error);
      return describeThrown(error);
    }
  }
  function formatPart(part) {
    if (typeof part === 'string') return part;
    try {
      const text = JSONStringify(part);
      return text === undefined ? StringOf(part) : text;
    } catch (unprintable) {
      return StringOf(part);
    }
  }
  function recorder(level) {
    return function () {
      if (consoleLines.length >= ${consoleLineLimit}) return;
      let line = level + ':';
      for (let index = 0; index < arguments.length; index += 1) line += ' ' + formatPart(arguments[index]);
      consoleLines[consoleLines.length] = capped(line, ${consoleLineLength});
    };
  }
  globalThis.console = { log: recorder('log'), info: recorder('info'), warn: recorder('warn'),
    error: recorder('error'), debug: recorder('debug'), trace: recorder('trace'), dir: recorder('dir'),
    table: recorder('table') };
  function hostFunction(name) {
    const wrapper = function () {
      const args = [];
      for (let index = 0; index < arguments.length; index += 1) args[index] = arguments[index];
      let payload;
      try {
        payload = encode(args);
      } catch (error) {
        if (!(error instanceof Problem)) throw error;
        const found = error.found === 'circular' ? 'a circular reference' : 'a ' + error.found;
        throw new TypeErrorOf('host function ' + name + ' accepts only JSON-like data, but ' +
          formatPath('arguments', error.path) + ' is ' + found);
      }
      const reply = hostCall(name, payload);
      if (reply[0] === 'R') return decode(cut(reply, 1));
      throw new ErrorOf(cut(reply, 1));
    };
    defineProperty(wrapper, 'name', { value: name });
    return wrapper;
  }
  delete globalThis.SharedArrayBuffer;
  delete globalThis.Atomics;
  for (let index = 0; index < hostNames.length; index += 1) {
    globalThis[hostNames[index]] = hostFunction(hostNames[index]);
  }
  return {
    install: function (fn) { target = fn; },
    call: function (payloadText) {
      consoleLines = [];
      outcome = undefined;
      let payload;
      try {
        payload = decode(payloadText);
      } catch (error) {
        return 'I' + describeThrown(error);
      }
      let result;
      try {
        result = ReflectApply(target, undefined, payload);
      } catch (error) {
        return describeThrown(error);
      }
      if (result !== null && typeof result === 'object' && tag(result) === 'Promise') {
        ReflectApply(PromiseThen, result, [
          function (value) { outcome = finish(value); },
          function (error) { outcome = describeThrown(error); },
        ]);
        return 'P';
      }
      return finish(result);
    },
    take: function () { return outcome === undefined ? 'P' : outcome; },
    logs: function () { return JSONStringify(consoleLines); },
  };
})`;
