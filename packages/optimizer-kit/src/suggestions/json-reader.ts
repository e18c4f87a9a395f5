/** A key that appeared more than once in one JSON object, with every value it was given, in order. */
export interface DuplicateKey {
  /** Keys (and array indexes) leading from the root to the object holding the key. */
  readonly path: readonly (string | number)[];
  /** The repeated key. */
  readonly key: string;
  /** Each value the key was given, in reading order (the last one is the one kept). */
  readonly values: readonly unknown[];
}

/** A JSON value read from text: the value, where it ended, and the keys it repeated. */
export interface JsonRead {
  readonly ok: true;
  readonly value: unknown;
  /** Index just past the value's last character. */
  readonly end: number;
  readonly duplicates: readonly DuplicateKey[];
}

/** Why text did not read as JSON, and where. */
export interface JsonReadFailure {
  readonly ok: false;
  /** Index of the offending character. */
  readonly position: number;
  /** What was wrong, with line and column. */
  readonly message: string;
}

/** Options of {@link readJsonValue}. */
export interface JsonReadOptions {
  /** Deepest nesting accepted (default 200); deeper input fails instead of exhausting the stack. */
  readonly maxDepth?: number;
  /** Accept a comma before `}` or `]` (default true: models write them, and the meaning is clear). */
  readonly allowTrailingCommas?: boolean;
}

class ReadError extends Error {
  constructor(
    readonly position: number,
    message: string,
  ) {
    super(message);
  }
}

const escapes: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Reads one JSON value starting at `start` (after optional whitespace) and stops at its end, so the
 * caller can find JSON inside prose. Unlike `JSON.parse` it reports keys given twice in an object
 * (the last value wins, as in `JSON.parse`), keeps `__proto__` as an ordinary key, and fails on
 * nesting deeper than `maxDepth` instead of overflowing the stack.
 *
 * @example
 * readJsonValue('say {"a": 1, "a": 2} ok', 4);
 * // { ok: true, value: { a: 2 }, end: 20, duplicates: [{ path: [], key: 'a', values: [1, 2] }] }
 */
export function readJsonValue(
  text: string,
  start = 0,
  options: JsonReadOptions = {},
): JsonRead | JsonReadFailure {
  const maxDepth = options.maxDepth ?? 200;
  const trailingCommas = options.allowTrailingCommas ?? true;
  const duplicates: DuplicateKey[] = [];
  let position = start;

  const fail = (message: string, at = position): never => {
    throw new ReadError(at, `${message} at ${lineAndColumn(text, at)}`);
  };
  const skipWhitespace = () => {
    while (position < text.length) {
      const code = text.charCodeAt(position);
      if (code !== 32 && code !== 10 && code !== 13 && code !== 9) return;
      position += 1;
    }
  };
  const describeHere = () =>
    position >= text.length ? 'the end of the text' : `'${text[position]}'`;

  const readString = (): string => {
    position += 1; // opening quote
    let result = '';
    let runStart = position;
    while (position < text.length) {
      const character = text[position]!;
      if (character === '"') {
        result += text.slice(runStart, position);
        position += 1;
        return result;
      }
      if (character === '\\') {
        result += text.slice(runStart, position);
        const escaped = text[position + 1];
        if (escaped === 'u') {
          const hex = text.slice(position + 2, position + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid \\u escape in a string', position);
          result += String.fromCharCode(Number.parseInt(hex, 16));
          position += 6;
        } else if (escaped !== undefined && escapes[escaped] !== undefined) {
          result += escapes[escaped];
          position += 2;
        } else {
          fail('Invalid escape sequence in a string', position);
        }
        runStart = position;
        continue;
      }
      if (character.charCodeAt(0) < 0x20) {
        fail('Unescaped control character (such as a raw line break) inside a string', position);
      }
      position += 1;
    }
    return fail('Unterminated string', text.length);
  };

  const readValue = (path: (string | number)[], depth: number): unknown => {
    skipWhitespace();
    if (depth > maxDepth) fail(`Nesting deeper than ${maxDepth} levels`);
    const character = text[position];
    if (character === '{') return readObject(path, depth);
    if (character === '[') return readArray(path, depth);
    if (character === '"') return readString();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, position)) {
        position += word.length;
        return value;
      }
    }
    numberPattern.lastIndex = position;
    const match = numberPattern.exec(text);
    if (match !== null) {
      position += match[0].length;
      return Number(match[0]);
    }
    return fail(`Expected a JSON value but found ${describeHere()}`);
  };

  const readObject = (path: (string | number)[], depth: number): Record<string, unknown> => {
    position += 1;
    const result: Record<string, unknown> = {};
    const seen = new Map<string, unknown[]>();
    skipWhitespace();
    if (text[position] === '}') {
      position += 1;
      return result;
    }
    for (;;) {
      skipWhitespace();
      if (text[position] !== '"') {
        if (trailingCommas && text[position] === '}' && seen.size > 0) {
          position += 1;
          return result;
        }
        fail(`Expected a property name in double quotes but found ${describeHere()}`);
      }
      const key = readString();
      skipWhitespace();
      if (text[position] !== ':') fail(`Expected ':' after property name "${key}"`);
      position += 1;
      const value = readValue([...path, key], depth + 1);
      const earlier = seen.get(key);
      if (earlier === undefined) seen.set(key, [value]);
      else {
        if (earlier.length === 1) duplicates.push({ path, key, values: earlier });
        earlier.push(value);
      }
      // defineProperty keeps "__proto__" an own data property instead of changing the prototype.
      Object.defineProperty(result, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      skipWhitespace();
      if (text[position] === ',') {
        position += 1;
        continue;
      }
      if (text[position] === '}') {
        position += 1;
        return result;
      }
      fail(`Expected ',' or '}' after the value of "${key}" but found ${describeHere()}`);
    }
  };

  const readArray = (path: (string | number)[], depth: number): unknown[] => {
    position += 1;
    const result: unknown[] = [];
    skipWhitespace();
    if (text[position] === ']') {
      position += 1;
      return result;
    }
    for (;;) {
      skipWhitespace();
      if (trailingCommas && text[position] === ']' && result.length > 0) {
        position += 1;
        return result;
      }
      result.push(readValue([...path, result.length], depth + 1));
      skipWhitespace();
      if (text[position] === ',') {
        position += 1;
        continue;
      }
      if (text[position] === ']') {
        position += 1;
        return result;
      }
      fail(`Expected ',' or ']' in an array but found ${describeHere()}`);
    }
  };

  try {
    const value = readValue([], 0);
    return { ok: true, value, end: position, duplicates };
  } catch (error) {
    if (error instanceof ReadError) {
      return { ok: false, position: error.position, message: error.message };
    }
    throw error;
  }
}

/** `line L, column C` (both from 1) of index `index` in `text`. */
export function lineAndColumn(text: string, index: number): string {
  let line = 1;
  let lineStart = 0;
  for (let position = 0; position < index && position < text.length; position += 1) {
    if (text.charCodeAt(position) === 10) {
      line += 1;
      lineStart = position + 1;
    }
  }
  return `line ${line}, column ${index - lineStart + 1}`;
}
