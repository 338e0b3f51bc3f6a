/**
 * Report tables of language-model arms: the run table (what each arm trained: seeds, table, vocabulary,
 * GloVe coverage, projection, model, tokens, speed, backend) from meta.json's arm records, and the sample
 * generations from the `lm-samples` artifact.
 */
import type {Cells} from '../table.js';

interface LmArmInfo {
  kind?: string;
  seeds?: number[];
  table?: {init?: string; freeze?: string; width?: number; source?: string; rowsFromSource?: number; coverage?: number; tokenCoverage?: number | null};
  projection?: boolean;
  projectionShape?: number[];
  model?: {vocabSize?: number; context?: number; dModel?: number; nLayers?: number; nHeads?: number; positions?: string; tie?: boolean};
  parameters?: number;
  train?: {steps?: number; tokensPerStep?: number; tokens?: number; learningRate?: number};
  data?: {vocabulary?: number};
  runs?: {tokensPerSecond?: number; seconds?: number}[];
}

const isLm = (info: unknown): info is LmArmInfo => typeof info === 'object' && info !== null && (info as LmArmInfo).kind === 'language-model';

/** One row per language-model arm; empty when the run has none. */
export function lmRunCells(arms: Readonly<Record<string, unknown>>, order: readonly string[], backend: string): Cells {
  const body: string[][] = [];
  for (const name of order) {
    const info = arms[name];
    if (!isLm(info)) continue;
    const t = info.table ?? {};
    const m = info.model ?? {};
    const runs = info.runs ?? [];
    const rate = runs.length ? runs.reduce((s, r) => s + (r.tokensPerSecond ?? 0), 0) / runs.length : NaN;
    const seconds = runs.reduce((s, r) => s + (r.seconds ?? 0), 0);
    const glove =
      t.init === 'pretrained'
        ? `${t.rowsFromSource ?? '?'} rows (${((t.coverage ?? NaN) * 100).toFixed(1)}% of words, ${((t.tokenCoverage ?? NaN) * 100).toFixed(1)}% of tokens)`
        : '-';
    body.push([
      name,
      (info.seeds ?? []).join(', '),
      `${t.init === 'pretrained' ? t.source : 'random'}, ${t.freeze === 'none' ? 'trained' : `frozen: ${t.freeze}`}`,
      String(info.data?.vocabulary ?? m.vocabSize ?? '?'),
      glove,
      info.projection ? `yes (wte_proj ${(info.projectionShape ?? []).join(' -> ')})` : 'no',
      `d${m.dModel} L${m.nLayers} H${m.nHeads} ctx ${m.context}, ${m.positions}, ${m.tie ? 'tied' : 'untied'} head`,
      String(info.parameters ?? '?'),
      `${info.train?.steps ?? '?'} x ${info.train?.tokensPerStep ?? '?'} = ${info.train?.tokens ?? '?'}`,
      Number.isFinite(rate) ? String(Math.round(rate)) : '?',
      `${(seconds / 60).toFixed(1)}`,
      backend,
    ]);
  }
  return {
    header: [
      'arm',
      'seeds',
      'table',
      'vocabulary',
      'rows from GloVe',
      'projection',
      'model',
      'parameters',
      'steps x tokens = tokens per seed',
      'tokens/s',
      'minutes (all seeds)',
      'backend',
    ],
    body,
  };
}

/** Prompt continuations per arm (the first seed's model), greedy then sampled. */
export function lmSampleCells(samples: readonly Record<string, unknown>[], order: readonly string[]): Cells {
  const rank = (arm: unknown) => {
    const i = order.indexOf(String(arm));
    return i < 0 ? order.length : i;
  };
  const sorted = samples.map((s, i) => ({s, i})).sort((a, b) => rank(a.s.arm) - rank(b.s.arm) || a.i - b.i);
  return {
    header: ['arm', 'seed', 'prompt', 'decoding', 'continuation'],
    body: sorted.map(({s}) => [String(s.arm ?? ''), String(s.seed ?? ''), String(s.prompt ?? ''), String(s.mode ?? ''), String(s.text ?? '')]),
  };
}
