/**
 * Report table of the contextual-vs-static task: per model what it trained (or which checkpoint it reused)
 * and how its static vectors were made, from the `contextual-models` artifact.
 */
import type {Cells} from '../table.js';

const num = (v: unknown, digits = 0) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '-');

export function contextualModelCells(models: readonly Record<string, unknown>[]): Cells {
  return {
    header: [
      'model',
      'objective',
      'table',
      'model shape',
      'steps / tokens',
      'train loss',
      'validation loss',
      'checkpoint',
      'contexts',
      'words (fell back)',
      'mean contexts',
      'windows / tokens read',
      'measures',
      'seconds (train, pool, measures, scoring)',
    ],
    body: models.map((m) => [
      String(m.model ?? ''),
      m.objective === 'masked' ? 'masked LM (BERT-style)' : 'next token (GPT-style)',
      String(m.table ?? ''),
      String(m.modelShape ?? ''),
      `${num(m.steps)} / ${num(m.tokens)}`,
      num(m.trainLoss, 3),
      num(m.validationLoss, 3),
      `${m.checkpointReused ? 'reused' : 'trained'}: ${String(m.checkpoint ?? '')}`,
      String(m.contexts ?? ''),
      `${num(m.words)} (${num(m.fallback)})`,
      num(m.meanContexts, 2),
      `${num(m.windows)} / ${num(m.tokensRead)}`,
      String(m.measures ?? ''),
      `${num(m.trainSeconds)}, ${num(m.poolSeconds)}, ${num(m.measureSeconds)}, ${num(m.evalSeconds)}`,
    ]),
  };
}
