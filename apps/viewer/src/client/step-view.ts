import { sideBySideDiff, valueText } from '../common/line-diff.js';
import { promptSections, recordTexts } from '../common/prompt-sections.js';
import { el, num, usd } from './dom.js';
import type { GraphRenderer } from './graph-renderer.js';
import { graphSection } from './graph-view.js';

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
  texts.replies.forEach((reply, index) => {
    const title = texts.replies.length > 1 ? `Reply ${index + 1}` : 'Reply';
    parts.push(
      el(
        'section',
        { class: 'reply', 'aria-label': `Model reply ${index + 1}` },
        el('h5', {}, title, reply.problem === undefined ? '' : ` (not used: ${reply.problem})`),
        textBlock(reply.reply, 'model reply'),
      ),
    );
  });
  parts.push(updatesView(asRecord(proposal.record)));
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

/** The updates a suggestion record applied and rejected (with reasons), and its status. */
function updatesView(record: Json): HTMLElement | null {
  const applied = asArray(record.applied).map(asRecord);
  const rejected = asArray(record.rejected).map(asRecord);
  const unchanged = asArray(record.unchanged).map(String);
  if (applied.length + rejected.length + unchanged.length === 0 && record.status === undefined)
    return null;
  return el(
    'section',
    { class: 'updates', 'aria-label': 'Suggested updates' },
    el(
      'h5',
      {},
      'Suggested updates',
      typeof record.status === 'string' ? ` (${record.status})` : '',
    ),
    typeof record.reasoning === 'string'
      ? el('details', {}, el('summary', {}, 'reasoning'), textBlock(record.reasoning, 'reasoning'))
      : null,
    el(
      'ul',
      {},
      ...applied.map((u) =>
        el(
          'li',
          { class: 'update-applied' },
          el('span', { class: 'accepted' }, 'applied '),
          `${String(u.label ?? u.name)} (${String(u.name)})`,
        ),
      ),
      ...rejected.map((u) =>
        el(
          'li',
          { class: 'update-rejected' },
          el('span', { class: 'rejected' }, 'rejected '),
          `${String(u.key)}: ${String(u.reason)}`,
          el('pre', { class: 'text' }, valueText(u.value)),
        ),
      ),
      ...unchanged.map((label) => el('li', {}, `unchanged ${label}`)),
    ),
    typeof record.error === 'string' ? el('p', { class: 'error' }, `Error: ${record.error}`) : null,
  );
}

/**
 * The body of one step: outcome, usage, parameter diffs, the trace graph (drawn by `graphs` once
 * laid out), proposals (prompt, reply), feedback.
 */
export function stepView(event: Json, graphs?: GraphRenderer): HTMLElement {
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
    graphSection(event.graph, graphs),
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
