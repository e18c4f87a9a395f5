/** A titled part of a prompt, shown as a collapsible section. */
export interface PromptSection {
  readonly title: string;
  readonly body: string;
}

/** `#Instruction`, `# Code`, `## Feedback`: a capitalized title of words; `# a comment` or `#!/bin/sh` is not one. */
const heading = /^#{1,3} ?[A-Z][A-Za-z ]{0,40}$/;

/**
 * Splits a prompt into sections at markdown-style heading lines (`# Code`, `#Instruction`), the way
 * OptoPrime and OPRO prompts are laid out. Text before the first heading is a section titled
 * `(start)`; a prompt without headings is one section titled `prompt`.
 */
export function promptSections(prompt: string): PromptSection[] {
  const sections: PromptSection[] = [];
  let title = '(start)';
  let lines: string[] = [];
  const push = () => {
    const body = lines.join('\n').replace(/^\n+|\n+$/g, '');
    if (body.length > 0 || title !== '(start)') sections.push({ title, body });
  };
  for (const line of prompt.split('\n')) {
    if (heading.test(line.trim())) {
      push();
      title = line.trim().replace(/^#+\s*/, '');
      lines = [];
    } else {
      lines.push(line);
    }
  }
  push();
  if (sections.length === 0 || (sections.length === 1 && sections[0]!.title === '(start)')) {
    return [{ title: 'prompt', body: sections[0]?.body ?? '' }];
  }
  return sections;
}

/** One model reply of a step record (an LLM optimizer may ask again after an unusable reply). */
export interface ReplyText {
  readonly reply: string;
  /** Why the reply could not be used; absent when it was used. */
  readonly problem: string | undefined;
}

/** The prompt and reply texts an LLM optimizer's step record carries, found by their usual names. */
export interface RecordTexts {
  readonly system: string | undefined;
  readonly prompt: string | undefined;
  readonly replies: readonly ReplyText[];
}

const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const parts = value.map((part) =>
      typeof part === 'string'
        ? part
        : typeof part === 'object' && part !== null && 'content' in part
          ? `${String((part as { role?: unknown }).role ?? '')}:\n${text((part as { content: unknown }).content) ?? ''}`
          : JSON.stringify(part),
    );
    return parts.join('\n\n');
  }
  return undefined;
};

/**
 * Finds the prompt and replies of a step record: `prompt: { system, user }` and `attempts[].reply`
 * (the suggestion optimizers of `@trace/core`: OptoPrime, OPRO), or the plain names `system`,
 * `prompt`/`user`/`messages` and `reply`/`response`.
 */
export function recordTexts(record: unknown): RecordTexts {
  if (typeof record !== 'object' || record === null) {
    return { system: undefined, prompt: undefined, replies: [] };
  }
  const r = record as Record<string, unknown>;
  const prompt =
    typeof r.prompt === 'object' && r.prompt !== null && !Array.isArray(r.prompt)
      ? (r.prompt as Record<string, unknown>)
      : undefined;
  const replies: ReplyText[] = [];
  if (Array.isArray(r.attempts)) {
    for (const attempt of r.attempts) {
      const a =
        typeof attempt === 'object' && attempt !== null ? (attempt as Record<string, unknown>) : {};
      const reply = text(a.reply);
      if (reply !== undefined) {
        replies.push({ reply, problem: typeof a.problem === 'string' ? a.problem : undefined });
      }
    }
  }
  const plainReply = text(r.reply) ?? text(r.response) ?? text(r.completion);
  if (plainReply !== undefined) replies.push({ reply: plainReply, problem: undefined });
  return {
    system: text(prompt?.system) ?? text(r.system),
    prompt: text(prompt?.user) ?? text(r.prompt) ?? text(r.user) ?? text(r.messages),
    replies,
  };
}
