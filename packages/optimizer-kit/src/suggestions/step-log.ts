import { readFile } from 'node:fs/promises';
import { TraceError } from '@trace/core';
import { isTextReference, type LogTexts } from './log-texts.js';
import type { SuggestionStepRecord } from './step-record.js';

/**
 * The log form of a suggestion step record: the prompt's system text and user turn become paragraph
 * references, so the paragraphs that repeat from step to step (the system prompt, the history, the
 * unchanged parts of the report) are written once per log writer. Everything else is kept as is.
 * Pass it as `toLogLine` to a `StepRecorder`; `readStepLog` gives back the full records.
 */
export function compactSuggestionRecord(record: SuggestionStepRecord, texts: LogTexts): unknown {
  if (record.prompt === undefined) return record;
  return {
    ...record,
    prompt: {
      system: texts.reference(record.prompt.system),
      user: texts.reference(record.prompt.user),
    },
  };
}

/**
 * Reads a JSONL step log written by LLM optimizers and returns its records in order, with every
 * prompt restored word for word (what a step needs to be replayed: `model`, `prompt.system`,
 * `prompt.user`, and the `attempts` that came back). Logs written before paragraphs were shared read
 * the same. Throws a TraceError (code PERSISTENCE) naming the line of a line that is not JSON or that
 * refers to a paragraph defined nowhere before it.
 *
 * @example
 * const records = await readStepLog('runs/steps.jsonl');
 * records[3].prompt?.user; // the exact user turn of that step
 */
export async function readStepLog(path: string): Promise<SuggestionStepRecord[]> {
  const text = await readFile(path, 'utf8');
  const paragraphs = new Map<string, string>();
  const records: SuggestionStepRecord[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${path}, line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new TraceError(
        'PERSISTENCE',
        `${where} is not JSON (${error instanceof Error ? error.message : String(error)}). Remove or repair that line.`,
        { cause: error },
      );
    }
    const item = value as { paragraph?: unknown; text?: unknown; prompt?: unknown };
    if (typeof item?.paragraph === 'string' && typeof item.text === 'string') {
      paragraphs.set(item.paragraph, item.text);
      return;
    }
    const prompt = item?.prompt as { system?: unknown; user?: unknown } | undefined;
    if (prompt === undefined || prompt === null || typeof prompt !== 'object') {
      records.push(value as SuggestionStepRecord);
      return;
    }
    const restore = (part: unknown): unknown => {
      if (!isTextReference(part)) return part;
      return part.$paragraphs
        .map((id) => {
          const paragraph = paragraphs.get(id);
          if (paragraph === undefined) {
            throw new TraceError(
              'PERSISTENCE',
              `${where} refers to paragraph ${id}, which no earlier line defines. Read the log from its first line; it may have been cut or rotated.`,
            );
          }
          return paragraph;
        })
        .join('\n\n');
    };
    records.push({
      ...(value as SuggestionStepRecord),
      prompt: { system: restore(prompt.system) as string, user: restore(prompt.user) as string },
    });
  });
  return records;
}
