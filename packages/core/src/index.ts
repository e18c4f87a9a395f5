// Graph

// Backward
export { backward } from './backward/backward.js';
export type { BackwardOptions, BackwardResult } from './backward/backward-options.js';
export { BackwardSession } from './backward/backward-session.js';
export { GradientPropagator, gradientOf } from './backward/gradient-propagator.js';
export { GraphPropagator } from './backward/graph-propagator.js';
export type { Propagator } from './backward/propagator.js';
export { SumPropagator } from './backward/sum-propagator.js';
export { TraceGraph } from './backward/trace-graph.js';
// Operators
export {
  bundle,
  type TracedArguments,
  type TracedFunction,
  type TracedResult,
} from './bundle/bundle.js';
export type { BundleOptions } from './bundle/bundle-options.js';
export {
  checkCodeProposal,
  codeParameterOperatorName,
  isCodeParameter,
} from './bundle/code-parameters.js';
export { type ParsedFunction, parseFunction } from './bundle/parse-function.js';
export { CodeExecutionError, type CodeFailureKind } from './code/code-execution-error.js';
// Code execution
export type {
  CodeRunner,
  CodeRunnerOptions,
  CompiledCode,
  CompileRequest,
  ExecutionLimits,
} from './code/code-runner.js';
export type { ExecutionMode } from './code/resolve-runner.js';
export { isTracing, noTrace } from './context/no-trace.js';
// Context
export { scope } from './context/scope.js';
// Errors
export { endSentence } from './errors/end-sentence.js';
export { TraceError, type TraceErrorCode } from './errors/trace-error.js';
export { TraceExecutionError } from './errors/trace-execution-error.js';
export { type Constraint, constraints } from './graph/constraint.js';
export { node } from './graph/create-node.js';
export { ExceptionNode, isExceptionNode } from './graph/exception-node.js';
export { isMessageNode, MessageNode } from './graph/message-node.js';
export { isNode, Node, type NodeInput, type NodeOptions } from './graph/node.js';
export type { NodeJson } from './graph/node-json.js';
export type { Derivative, OperatorInfo } from './graph/operator-info.js';
export { writeFileAtomic } from './module/atomic-write.js';
export { bundled, trainable } from './module/decorators.js';
// Modules
export { Module, type SavedParameters } from './module/module.js';
export { ops } from './ops/index.js';
export { Adam, type AdamOptions } from './optim/adam.js';
export {
  NumericOptimizer,
  type NumericStepRecord,
  type NumericUpdate,
} from './optim/numeric-optimizer.js';
// Optimizers
export { collectParameters, type Optimizer, type ParameterSource } from './optim/optimizer.js';
export { PropagatingOptimizer } from './optim/propagating-optimizer.js';
export {
  isProposingOptimizer,
  type Proposal,
  type ProposeOptions,
  type ProposingOptimizer,
} from './optim/proposing-optimizer.js';
export { SGD, type SGDOptions } from './optim/sgd.js';
export {
  createSandboxRunner,
  createTrustedRunner,
  defaultMemoryBytes,
  defaultTimeoutMs,
  type HostFunction,
  type NormalizedFunction,
  normalizeFunctionSource,
  stripTypes,
} from './sandbox/index.js';
// Visualization
export type { CollapsedDot, CollapsedDotOptions } from './viz/to-collapsed-dot.js';
export { toCollapsedDot } from './viz/to-collapsed-dot.js';
export { toDot } from './viz/to-dot.js';
export { toMermaid } from './viz/to-mermaid.js';
