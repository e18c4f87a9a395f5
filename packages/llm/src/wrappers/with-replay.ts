import { ConfigurationError } from '../errors/configuration-error.js';
import { ReplayMissError, type RequestDifference } from '../errors/replay-miss-error.js';
import { throwIfAborted } from '../internal/abort-signal.js';
import { checkOptions } from '../internal/check-options.js';
import { type RecordingEntry, readRecordingSync } from '../internal/recording-file.js';
import { describeDifference, requestDifferences } from '../internal/request-differences.js';
import { canonicalRequest, type RequestIdentity, requestKey } from '../internal/request-key.js';
import type {
  CompletionRequest,
  CompletionResponse,
  LanguageModel,
} from '../spec/language-model.js';

/** Options of {@link withReplay}. */
export interface ReplayOptions {
  /** The recording made by `withRecording`. */
  readonly file: string;
  /**
   * What to do with a request the recording lacks: `error` (default) throws a `ReplayMissError`
   * naming the differing field; `call-model` sends it to the wrapped model.
   */
  readonly onMiss?: 'error' | 'call-model';
}

/**
 * Serves requests from a recording with no network: the n-th identical request gets the n-th recorded
 * response (and the last one again after that). A request that was not recorded fails loudly with a
 * `ReplayMissError` comparing it with the closest recorded request field by field, e.g.
 * `messages[1].content first differs at character 57`. The file is read once, when the wrapper is
 * created, so a missing or corrupt file fails at once.
 *
 * @example
 * ```ts
 * const model = withReplay(createOpenAI({ model: 'gpt-4o-mini', apiKey: 'unused' }), { file: 'run.json' });
 * ```
 */
export function withReplay(model: LanguageModel, options: ReplayOptions): LanguageModel {
  checkOptions('withReplay', options, ['file', 'onMiss']);
  if (
    options.onMiss !== undefined &&
    options.onMiss !== 'error' &&
    options.onMiss !== 'call-model'
  ) {
    throw new ConfigurationError({
      message: `withReplay: onMiss must be 'error' or 'call-model'; got ${JSON.stringify(options.onMiss)}.`,
    });
  }
  return replayer(model.provider, model.modelId, options, model);
}

/**
 * A model that only replays a recording (no provider, no key needed). `provider` and `modelId`
 * default to the recording's, when it holds exactly one model.
 *
 * @example
 * ```ts
 * const model = createReplayModel({ file: 'run.json' });
 * const response = await complete(model, 'the same prompt as in the recorded run');
 * ```
 */
export function createReplayModel(options: {
  readonly file: string;
  readonly provider?: string;
  readonly modelId?: string;
}): LanguageModel {
  checkOptions('createReplayModel', options, ['file', 'provider', 'modelId']);
  const entries = readRecordingSync(options.file);
  const models = [...new Set(entries.map((entry) => `${entry.provider}:${entry.modelId}`))];
  let provider = options.provider;
  let modelId = options.modelId;
  if (provider === undefined || modelId === undefined) {
    const matching = models.filter((name) => {
      const [entryProvider, ...rest] = name.split(':');
      return (
        (provider === undefined || entryProvider === provider) &&
        (modelId === undefined || rest.join(':') === modelId)
      );
    });
    const only = matching[0];
    if (matching.length !== 1 || only === undefined) {
      throw new ConfigurationError({
        message: `The recording ${options.file} holds ${models.length === 0 ? 'no models' : `the models ${models.join(', ')}`}; pass createReplayModel({ file, provider, modelId }) naming one.`,
      });
    }
    const separator = only.indexOf(':');
    provider = only.slice(0, separator);
    modelId = only.slice(separator + 1);
  }
  return replayer(provider, modelId, { file: options.file }, undefined, entries);
}

function replayer(
  provider: string,
  modelId: string,
  options: ReplayOptions,
  model: LanguageModel | undefined,
  loaded?: RecordingEntry[],
): LanguageModel {
  const entries = loaded ?? readRecordingSync(options.file);
  const byKey = new Map<string, RecordingEntry[]>();
  for (const entry of entries) {
    const list = byKey.get(entry.key) ?? [];
    list.push(entry);
    byKey.set(entry.key, list);
  }
  const served = new Map<string, number>();

  return {
    provider,
    modelId,
    async doComplete(request: CompletionRequest): Promise<CompletionResponse> {
      throwIfAborted(request.signal);
      const identity: RequestIdentity = { provider, modelId, request: canonicalRequest(request) };
      const key = requestKey(identity);
      const recorded = byKey.get(key);
      if (recorded !== undefined && recorded.length > 0) {
        const index = served.get(key) ?? 0;
        served.set(key, index + 1);
        return (recorded[Math.min(index, recorded.length - 1)] as RecordingEntry).response;
      }
      if (options.onMiss === 'call-model' && model !== undefined) return model.doComplete(request);
      throw missError(options.file, entries, identity);
    },
  };
}

function missError(
  file: string,
  entries: readonly RecordingEntry[],
  identity: RequestIdentity,
): ReplayMissError {
  let closest: { index: number; differences: RequestDifference[] } | undefined;
  entries.forEach((entry, index) => {
    const differences = requestDifferences(entry, identity);
    if (closest === undefined || differences.length < closest.differences.length) {
      closest = { index, differences };
    }
  });
  if (closest === undefined) {
    return new ReplayMissError({
      file,
      differences: [],
      message: `Replay: the recording ${file} is empty, so it cannot answer this request. Record the run again with withRecording.`,
    });
  }
  const shown = closest.differences.slice(0, 5).map(describeDifference);
  const more =
    closest.differences.length > 5 ? `\n  … and ${closest.differences.length - 5} more` : '';
  return new ReplayMissError({
    file,
    differences: closest.differences,
    message: `Replay: this request is not in the recording ${file}. The closest recorded request (entry ${closest.index + 1} of ${entries.length}) differs in:\n  ${shown.join('\n  ')}${more}\nMake the run send the recorded request, or record it again with withRecording.`,
  });
}
