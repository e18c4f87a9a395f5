import { sideBySideDiff, valueText } from '../shared/line-diff.js';
import { promptSections, recordTexts } from '../shared/prompt-sections.js';
import { el, num, usd } from './dom.js';

type Json = Record<string, unknown>;

const asRecord = (value: unknown): Json =>
  typeof value === 'object' && value !== null ? (value as Json) : {};
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function textBlock(text: string, label: string): HTMLElement {
  return el('pre', { class: 'text', 'aria-label': label, tabindex: 0 }, text);
}

/** A side-by-side diff of a parameter's value before and after the step. */
export function diffTable(name: string, before: unknown, after: unknown): HTMLElement {
  const rows = sideBySideDiff(valueText(before), valueText(after));
  return el(
    'table',
    { class: 'diff', 'aria-label': `Changes to ${name}` },
    el('caption', {}, name),
    el(
      'thead',
      {},
      el('tr', {}, el('th', { scope: 'col' }, 'before'), el('th', { scope: 'col' }, 'after')),
    ),
    el(
      'tbody',
      {},
      ...rows.map((row) =>
        el(
          'tr',
          { class: `diff-${row.kind}` },
          el('td', { class: row.left === undefined ? 'empty' : 'left' }, row.left ?? ''),
          el('td', { class: row.right === undefined ? 'empty' : 'right' }, row.right ?? ''),
        ),
      ),
    ),
  );
}

function proposalView(proposal: Json): HTMLElement {
  const texts = recordTexts(proposal.record);
  const accepted = proposal.accepted === true;
  const parts: (HTMLElement | null)[] = [
    el(
      'h4',
      {},
      `Proposal ${num(proposal.index as number)}: `,
      el('span', { class: accepted ? 'accepted' : 'rejected' }, accepted ? 'accepted' : 'rejected'),
      proposal.score === undefined || proposal.score === null
        ? ''
        : ` · score ${num(proposal.score as number)}`,
    ),
    typeof proposal.reason === 'string'
      ? el('p', { class: 'reason' }, `Reason: ${proposal.reason}`)
      : null,
  ];
  if (texts.system !== undefined) {
    parts.push(
      el(
        'details',
        { class: 'prompt-section' },
        el('summary', {}, 'system'),
        textBlock(texts.system, 'system prompt'),
      ),
    );
  }
  if (texts.prompt !== undefined) {
    parts.push(
      el(
        'section',
        { class: 'prompt', 'aria-label': 'Prompt sent' },
        el('h5', {}, 'Prompt sent'),
        ...promptSections(texts.prompt).map((section) =>
          el(
            'details',
            { class: 'prompt-section', open: true },
            el('summary', {}, section.title),
            textBlock(section.body, section.title),
          ),
        ),
      ),
    );
  }
  if (texts.reply !== undefined) {
    parts.push(
      el(
        'section',
        { class: 'reply', 'aria-label': 'Model reply' },
        el('h5', {}, 'Reply'),
        textBlock(texts.reply, 'model reply'),
      ),
    );
  }
  parts.push(
    el(
      'details',
      { class: 'record' },
      el('summary', {}, 'Step record (JSON)'),
      textBlock(JSON.stringify(proposal.record, null, 2) ?? 'null', 'step record'),
    ),
  );
  return el('article', { class: `proposal ${accepted ? 'is-accepted' : 'is-rejected'}` }, ...parts);
}

function feedbackText(value: unknown): string {
  return typeof value === 'string'
    ? value
    : value === null || value === undefined
      ? ''
      : (JSON.stringify(value) ?? '');
}

/** The body of one step: outcome, usage, parameter diffs, proposals (prompt, reply), feedback. */
export function stepView(event: Json): HTMLElement {
  const usage = asRecord(event.usage);
  const accepted = event.accepted === true;
  const changes = asArray(event.changes).map(asRecord);
  const examples = asArray(event.examples).map(asRecord);
  return el(
    'article',
    { class: 'step', 'aria-label': `Step ${String(event.step)}` },
    el('h3', {}, `Step ${String(event.step)}`),
    el(
      'dl',
      { class: 'facts' },
      el('dt', {}, 'outcome'),
      el(
        'dd',
        {},
        el(
          'span',
          { class: accepted ? 'accepted' : 'rejected' },
          accepted ? 'update accepted' : 'update rejected',
        ),
        typeof event.rejectedReason === 'string' ? ` (${event.rejectedReason})` : '',
      ),
      el('dt', {}, 'epoch'),
      el('dd', {}, String(event.epoch)),
      el('dt', {}, 'batch mean score'),
      el('dd', {}, num(event.meanScore as number)),
      el('dt', {}, 'tokens in / out'),
      el('dd', {}, `${num(usage.inputTokens as number)} / ${num(usage.outputTokens as number)}`),
      el('dt', {}, 'model calls'),
      el('dd', {}, num(usage.calls as number)),
      el('dt', {}, 'cost'),
      el('dd', {}, usd(usage.costUsd as number | undefined)),
      el('dt', {}, 'latency'),
      el('dd', {}, `${num(event.durationMs as number, 3)} ms`),
    ),
    el(
      'section',
      { class: 'changes', 'aria-label': 'Parameter changes' },
      el('h4', {}, `Parameter changes (${changes.length})`),
      ...(changes.length === 0
        ? [el('p', {}, 'No parameter changed.')]
        : changes.map((change) => diffTable(String(change.name), change.before, change.after))),
    ),
    el(
      'section',
      { class: 'proposals', 'aria-label': 'Proposals' },
      ...asArray(event.proposals).map((proposal) => proposalView(asRecord(proposal))),
    ),
    el(
      'section',
      { class: 'feedback', 'aria-label': 'Feedback' },
      el('h4', {}, 'Feedback per example'),
      el(
        'table',
        {},
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...['example', 'score', 'feedback', 'error', 'ms'].map((h) =>
              el('th', { scope: 'col' }, h),
            ),
          ),
        ),
        el(
          'tbody',
          {},
          ...examples.map((example) =>
            el(
              'tr',
              {},
              el('td', {}, String(example.index)),
              el('td', { class: 'num' }, num(example.score as number)),
              el('td', {}, el('pre', { class: 'text' }, feedbackText(example.feedback))),
              el('td', {}, typeof example.error === 'string' ? example.error : ''),
              el('td', { class: 'num' }, num(example.durationMs as number, 3)),
            ),
          ),
        ),
      ),
    ),
  );
}
