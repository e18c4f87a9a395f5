import { isCodeParameter, type MessageNode, type Node, type TraceGraph } from '@trace/core';
import { feedbackText, renderEntry, truncateText, type ValueKinds } from '@trace/optimizer-kit';
import { type ClassifiedNodes, calledOperatorName, classifyNodes } from './classify-nodes.js';

import { type ReportSection, reportSections, sectionHeaders } from './report-sections.js';

/** Options of {@link buildProblemReport}. */
export interface ReportOptions {
  /** The parameters the model may change (shown as variables); others are shown as inputs. */
  readonly parameters: Iterable<Node>;
  /** What to achieve (the instruction). */
  readonly objective?: string;
  /** Sections left out of `text` (their bodies are still in `sections`). */
  readonly hiddenSections?: readonly ReportSection[];
  /** Cut input, intermediate and output values at this many characters (default 1,000). */
  readonly maxValueLength?: number;
  /** Cut each feedback at this many characters (default 4,000). */
  readonly maxFeedbackLength?: number;
  /** Declared kinds of parameters (others are inferred from their values). */
  readonly valueKinds?: ValueKinds;
}

/** The problem report: text for the model and the map from shown names to parameters. */
export interface ProblemReport {
  /** The visible sections, each under its header, in report order. */
  readonly text: string;
  /** The body of every section (empty when the section has nothing), hidden ones included. */
  readonly sections: Readonly<Record<ReportSection, string>>;
  /** The variables by the label the model sees: the names its suggestion must use. */
  readonly variables: ReadonlyMap<string, Node>;
  /** The label of every node in the report. */
  readonly labels: ReadonlyMap<Node, string>;
  /** The sections shown in `text`, in order. */
  readonly visibleSections: readonly ReportSection[];
}

/** Default instruction: what OptoPrime asks for when the user gives no objective. */
export const defaultObjective =
  'Change the variables so that the outputs meet what the feedback asks for.';

/**
 * Renders trace graphs (one per backward pass, as `TraceGraph.union` gives them) as OptoPrime's
 * pseudo-program report: instruction, code (one line per operator call in execution order,
 * `out = op(param=input, ...)`), documentation (each operator once), variables (type and full value;
 * code as a fenced block), constraints, inputs, others (intermediate values), outputs and feedback.
 * Input, intermediate and output values are cut with a visible marker. Several graphs (a minibatch)
 * are rendered together: shared nodes once, every output with its own feedback.
 *
 * @example
 * const graphs = TraceGraph.union(x.feedback as TraceGraph[]);
 * const report = buildProblemReport(graphs, { parameters: [x] });
 * console.log(report.text);
 */
export function buildProblemReport(
  graphs: readonly TraceGraph[],
  options: ReportOptions,
): ProblemReport {
  const parameters = new Set(options.parameters);
  const classified = classifyNodes(graphs, parameters);
  const { labels } = classified;
  const label = (node: Node) => labels.get(node) ?? node.label;
  const valueLimit = options.maxValueLength ?? 1000;
  const kinds = options.valueKinds;
  const entry = (node: Node, isVariable = false) =>
    renderEntry(node, {
      label: label(node),
      limit: valueLimit,
      describe: !node.isMessage,
      isVariable,
      ...(kinds === undefined ? {} : { valueKinds: kinds }),
    });

  const operatorNames = nameOperators(classified.calls);
  const operatorName = (call: MessageNode) => operatorNames.get(call) ?? calledOperatorName(call);
  const sections: Record<ReportSection, string> = {
    instruction: (options.objective ?? defaultObjective).trim(),
    code: classified.calls.map((call) => codeLine(call, label, operatorName(call))).join('\n'),
    documentation: documentation(classified.calls, operatorName).join('\n'),
    variables: classified.variables.map((node) => entry(node, true)).join('\n'),
    constraints: constraintLines(classified, label, operatorName).join('\n'),
    inputs: classified.inputs.map((node) => entry(node)).join('\n'),
    others: classified.others.map((node) => entry(node)).join('\n'),
    outputs: classified.outputs.map((node) => entry(node)).join('\n'),
    feedback: feedbackLines(graphs, label, options.maxFeedbackLength ?? 4000),
  };
  const hidden = new Set(options.hiddenSections ?? []);
  const visibleSections = reportSections.filter(
    (section) => !hidden.has(section) && sections[section] !== '',
  );
  const text = visibleSections
    .map((section) => `${sectionHeaders[section]}\n${sections[section]}`)
    .join('\n\n');
  const variables = new Map(classified.variables.map((node) => [label(node), node] as const));
  return { text, sections, variables, labels, visibleSections };
}

/**
 * `out = op(param=input, ...)`, inputs by position (a node passed twice appears twice). `operator`
 * is the name shown for the operator (default: the name it was given).
 */
export function codeLine(
  call: MessageNode,
  label: (node: Node) => string,
  operator: string = calledOperatorName(call),
): string {
  const names = call.inputNames;
  const args = call.inputNodes.map(
    (input, position) => `${names[position] ?? `arg${position}`}=${label(input)}`,
  );
  return `${label(call)} = ${operator}(${args.join(', ')})`;
}

/**
 * The name each call's operator is shown under. Operators that share a name but differ (in their
 * description, source or code parameter: two unnamed arrow functions are both `operator`) get
 * distinct names, `format` and `format_2`, so each keeps its own documentation line; calls of the
 * same operator (or of identical ones, such as one method of two instances) share one name.
 */
export function nameOperators(calls: readonly MessageNode[]): Map<MessageNode, string> {
  const names = new Map<MessageNode, string>();
  const kinds: {
    base: string;
    description: string;
    source: string;
    code: unknown;
    name: string;
  }[] = [];
  const taken = new Set(calls.map((call) => calledOperatorName(call)));
  const used = new Set<string>();
  for (const call of calls) {
    const base = calledOperatorName(call);
    const description = call.operator.description;
    const { source, codeParameter: code } = call.operator;
    let kind = kinds.find(
      (item) =>
        item.base === base &&
        item.description === description &&
        item.source === source &&
        item.code === code,
    );
    if (kind === undefined) {
      let name = base;
      if (used.has(name)) {
        let counter = 2;
        while (used.has(`${base}_${counter}`) || taken.has(`${base}_${counter}`)) counter += 1;
        name = `${base}_${counter}`;
      }
      used.add(name);
      kind = { base, description, source, code, name };
      kinds.push(kind);
    }
    names.set(call, kind.name);
  }
  return names;
}

function documentation(
  calls: readonly MessageNode[],
  operatorName: (call: MessageNode) => string,
): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const call of calls) {
    const name = operatorName(call);
    if (seen.has(name)) continue;
    seen.add(name);
    const description = call.operator.description.trim();
    const own = calledOperatorName(call);
    lines.push(
      description.startsWith(`[${own}]`)
        ? `[${name}]${description.slice(own.length + 2)}`
        : `[${name}] ${description}`,
    );
  }
  return lines;
}

function constraintLines(
  classified: ClassifiedNodes,
  label: (node: Node) => string,
  operatorName: (call: MessageNode) => string,
): string[] {
  const lines: string[] = [];
  for (const variable of classified.variables) {
    if (variable.constraint !== undefined) {
      lines.push(`${label(variable)}: ${variable.constraint.text}`);
    }
    if (isCodeParameter(variable)) {
      const call = classified.calls.find((item) => item.operator.codeParameter === variable);
      if (call !== undefined) {
        const name = operatorName(call);
        const parameters = call.operator.inputNames.join(', ');
        lines.push(
          `${label(variable)}: the complete source of one JavaScript function; ${name} calls it with (${parameters}).`,
        );
      }
    }
  }
  return lines;
}

function feedbackLines(
  graphs: readonly TraceGraph[],
  label: (node: Node) => string,
  limit: number,
): string {
  const texts = graphs.map((graph) => truncateText(feedbackText(graph.userFeedback), limit));
  if (graphs.length === 1) return texts[0]!;
  return graphs
    .map((graph, index) => `${label(graph.output)}: ${texts[index]!.replace(/\n/g, '\n  ')}`)
    .join('\n');
}
