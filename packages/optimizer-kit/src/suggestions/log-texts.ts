import { createHash } from 'node:crypto';

/** A long text in a step log, stored as the ids of its paragraphs (each written once per writer). */
export interface TextReference {
  /** Paragraph ids, in order; the text is the paragraphs joined with a blank line. */
  readonly $paragraphs: readonly string[];
}

/** A line of a step log that defines one paragraph for the records after it. */
export interface ParagraphDefinition {
  readonly paragraph: string;
  readonly text: string;
}

/**
 * The paragraphs a step log writer has written, so that each is written once: `reference(text)`
 * splits `text` at blank lines and returns the ids, queueing a definition line for each paragraph
 * this writer has not written yet. `take()` hands the queued definitions to the write that carries
 * the record; `written()` marks them written once that write has landed.
 */
export class LogTexts {
  readonly #written = new Set<string>();
  #queued = new Map<string, string>();

  /** The reference to `text`, queueing the paragraphs not yet written. */
  reference(text: string): TextReference {
    const ids = text.split('\n\n').map((paragraph) => {
      const id = paragraphId(paragraph);
      if (!this.#written.has(id)) this.#queued.set(id, paragraph);
      return id;
    });
    return { $paragraphs: ids };
  }

  /** The queued definitions, oldest first; the queue is emptied. */
  take(): ParagraphDefinition[] {
    const definitions = [...this.#queued].map(([paragraph, text]) => ({ paragraph, text }));
    this.#queued = new Map();
    return definitions;
  }

  /** Marks `definitions` as written (call after the write that carried them succeeded). */
  written(definitions: readonly ParagraphDefinition[]): void {
    for (const definition of definitions) this.#written.add(definition.paragraph);
  }
}

/** The id of a paragraph: 16 characters of its SHA-256 (base64url). */
export function paragraphId(paragraph: string): string {
  return createHash('sha256').update(paragraph, 'utf8').digest('base64url').slice(0, 16);
}

/** Whether `value` is a {@link TextReference}. */
export function isTextReference(value: unknown): value is TextReference {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { $paragraphs?: unknown }).$paragraphs) &&
    (value as { $paragraphs: unknown[] }).$paragraphs.every((id) => typeof id === 'string')
  );
}
