import { relative, sep } from 'node:path';
import { findRunDirectories, type RunManifest, readFinal, readManifest } from '@trace/trainer';
import type { RunDetail, RunSummary } from '../common/api-types.js';
import { EventFollower } from './event-follower.js';
import { type LoadedRun, runDetail, summarizeRun } from './run-summary.js';

interface Entry {
  readonly id: string;
  readonly directory: string;
  readonly manifest: RunManifest;
  readonly follower: EventFollower;
}

/**
 * The runs under one or more folders (a run directory, a bench run folder, any folder of runs).
 * Events are read incrementally, so refreshing a running run costs only what it appended.
 * With one root, a run's id is its directory relative to the root (`.` for the root itself);
 * with several, the id is prefixed with the root's position (`0/…`, `1/…`).
 */
export class RunStore {
  private entries = new Map<string, Entry>();

  private constructor(private readonly roots: readonly string[]) {}

  /** Finds every run under `roots` and reads them. Throws when a root holds no run. */
  static async open(roots: readonly string[]): Promise<RunStore> {
    const store = new RunStore(roots);
    await store.discover();
    if (store.entries.size === 0) {
      throw new Error(
        `No run directory (a folder with manifest.json) under ${roots.join(', ')}. Pass a trainer run directory or a trace-bench --out folder.`,
      );
    }
    return store;
  }

  /** Looks for runs that appeared since the last call (a bench run adds units as it goes). */
  async discover(): Promise<void> {
    for (const [index, root] of this.roots.entries()) {
      for (const directory of await findRunDirectories(root)) {
        const rel = relative(root, directory).split(sep).join('/') || '.';
        const id = this.roots.length === 1 ? rel : `${index}/${rel}`;
        if (this.entries.has(id)) continue;
        const manifest = await readManifest(directory);
        this.entries.set(id, { id, directory, manifest, follower: new EventFollower(directory) });
      }
    }
  }

  /** Every run's id, sorted. */
  ids(): string[] {
    return [...this.entries.keys()].sort();
  }

  private async load(id: string): Promise<LoadedRun> {
    const entry = this.entries.get(id);
    if (entry === undefined) throw new UnknownRunError(id);
    await entry.follower.refresh();
    return {
      id,
      manifest: entry.manifest,
      events: entry.follower.events,
      final: await readFinal(entry.directory),
      truncatedTail: entry.follower.truncatedTail,
    };
  }

  /** The runs view: one summary per run, sorted by id (an unreadable run is listed failed, with its error). */
  async summaries(): Promise<RunSummary[]> {
    await this.discover();
    return Promise.all(
      this.ids().map(async (id) => {
        try {
          return summarizeRun(await this.load(id));
        } catch (error) {
          // One unreadable run must not hide the others: list it, failed, with the reason.
          const entry = this.entries.get(id)!;
          const summary = summarizeRun({
            id,
            manifest: entry.manifest,
            events: [],
            final: undefined,
            truncatedTail: false,
          });
          return { ...summary, status: 'failed' as const, error: (error as Error).message };
        }
      }),
    );
  }

  /** One run's detail (refreshed from disk). */
  async detail(id: string): Promise<RunDetail> {
    return runDetail(await this.load(id));
  }

  /**
   * One step event of a run, or undefined when the run has no such step (yet). The last event of
   * that step wins (a resumed run records the steps after its checkpoint again).
   */
  async step(id: string, step: number): Promise<unknown> {
    const entry = this.entries.get(id);
    if (entry === undefined) throw new UnknownRunError(id);
    await entry.follower.refresh();
    const events = entry.follower.events;
    for (let i = events.length - 1; i >= 0; i--) {
      const event = events[i]!;
      if (event.type === 'step' && event.step === step) return event;
    }
    return undefined;
  }

  /** The runs that can be read (refreshed); unreadable ones are left out (the runs view names them). */
  async readable(): Promise<LoadedRun[]> {
    const runs = await Promise.all(this.ids().map((id) => this.load(id).catch(() => undefined)));
    return runs.filter((run) => run !== undefined);
  }

  /** All runs (refreshed), for the static export; throws when one cannot be read. */
  async all(): Promise<LoadedRun[]> {
    return Promise.all(this.ids().map((id) => this.load(id)));
  }
}

/** The id names no run of the store. */
export class UnknownRunError extends Error {
  override readonly name = 'UnknownRunError';
  constructor(id: string) {
    super(`No run with id ${JSON.stringify(id)}; the runs list (/api/runs) has the ids.`);
  }
}
