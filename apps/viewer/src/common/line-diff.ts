/** One row of a side-by-side diff: a line on the left, the right, or both. */
export interface DiffRow {
  readonly kind: 'same' | 'removed' | 'added' | 'changed';
  readonly left: string | undefined;
  readonly right: string | undefined;
}

/** Above this many cells the longest-common-subsequence table is not built (see {@link sideBySideDiff}). */
const maxCells = 4_000_000;

/**
 * A side-by-side line diff of two texts (longest common subsequence of lines). A removed line
 * followed by an added line is paired as `changed`. Texts too large for the table
 * (lines × lines > 4 million) are shown as one changed block, so the view never stalls.
 */
export function sideBySideDiff(before: string, after: string): DiffRow[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > maxCells) return pair(a.map(removed), b.map(added));
  const n = a.length;
  const m = b.length;
  const table = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] =
        a[i] === b[j]
          ? table[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(table[(i + 1) * (m + 1) + j]!, table[i * (m + 1) + j + 1]!);
    }
  }
  const rows: DiffRow[] = [];
  let pendingRemoved: DiffRow[] = [];
  let pendingAdded: DiffRow[] = [];
  const flush = () => {
    rows.push(...pair(pendingRemoved, pendingAdded));
    pendingRemoved = [];
    pendingAdded = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      flush();
      rows.push({ kind: 'same', left: a[i], right: b[j] });
      i++;
      j++;
    } else if (j < m && (i >= n || table[i * (m + 1) + j + 1]! >= table[(i + 1) * (m + 1) + j]!)) {
      pendingAdded.push(added(b[j]!));
      j++;
    } else {
      pendingRemoved.push(removed(a[i]!));
      i++;
    }
  }
  flush();
  return rows;
}

function removed(line: string): DiffRow {
  return { kind: 'removed', left: line, right: undefined };
}

function added(line: string): DiffRow {
  return { kind: 'added', left: undefined, right: line };
}

function pair(removedRows: readonly DiffRow[], addedRows: readonly DiffRow[]): DiffRow[] {
  const rows: DiffRow[] = [];
  const count = Math.max(removedRows.length, addedRows.length);
  for (let k = 0; k < count; k++) {
    const left = removedRows[k]?.left;
    const right = addedRows[k]?.right;
    rows.push({
      kind:
        left !== undefined && right !== undefined
          ? 'changed'
          : left !== undefined
            ? 'removed'
            : 'added',
      left,
      right,
    });
  }
  return rows;
}

/** A parameter value as text for diffing: strings as they are, anything else as indented JSON. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
