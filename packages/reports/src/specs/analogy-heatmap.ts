/**
 * Per-section analogy accuracy as a heatmap: one row per section, one column per arm, colour = accuracy
 * on a fixed [0, 1] scale (so two reports compare by eye), with the value printed in each cell.
 */
import {ArgumentError} from '@embedlab/core';
import type {TopLevelSpec} from 'vega-lite';
import {messages} from '../messages.js';
import {finiteField, firstAppearance, requireRows, stringField} from '../rows.js';
import {BASE_CONFIG, type ChartOptions, titleBlock, VEGA_LITE_SCHEMA} from './common.js';

/** Accuracy of one arm on one analogy section. */
export interface AnalogySectionRow {
  /** e.g. `capital-common-countries`. */
  section: string;
  arm: string;
  /** Fraction correct, in [0, 1]. */
  accuracy: number;
  /** Questions answered correctly (shown in the tooltip when every row has it). */
  correct?: number;
  /** Questions scored (shown in the tooltip when every row has it). */
  total?: number;
}

/** Section x arm heatmap of analogy accuracy with text labels. Orders follow first appearance. */
export function analogyHeatmapSpec(rows: readonly AnalogySectionRow[], options: ChartOptions = {}): TopLevelSpec {
  const what = 'analogyHeatmapSpec';
  requireRows(what, rows);
  const values = rows.map((_, i) => {
    const accuracy = finiteField(what, rows, i, 'accuracy');
    if (accuracy < 0 || accuracy > 1) throw new ArgumentError(messages.outOfRange(what, i, 'accuracy', accuracy, 0, 1));
    const row: Record<string, string | number> = {
      section: stringField(what, rows, i, 'section'),
      arm: stringField(what, rows, i, 'arm'),
      accuracy,
    };
    if (rows[i]!.correct !== undefined) row.correct = finiteField(what, rows, i, 'correct');
    if (rows[i]!.total !== undefined) row.total = finiteField(what, rows, i, 'total');
    return row;
  });
  const sections = firstAppearance(values.map((r) => r.section as string));
  const arms = firstAppearance(values.map((r) => r.arm as string));
  const withCounts = values.every((r) => r.correct !== undefined && r.total !== undefined);
  const tooltip = [
    {field: 'section', type: 'nominal', title: 'Section'},
    {field: 'arm', type: 'nominal', title: 'Arm'},
    {field: 'accuracy', type: 'quantitative', title: 'Accuracy', format: '.1%'},
    ...(withCounts
      ? [
          {field: 'correct', type: 'quantitative', title: 'Correct'},
          {field: 'total', type: 'quantitative', title: 'Scored'},
        ]
      : []),
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleBlock(options.title ?? 'Analogy accuracy by section and arm', options.subtitle),
    config: BASE_CONFIG,
    data: {values},
    width: {step: 64},
    height: {step: 22},
    encoding: {
      x: {field: 'arm', type: 'nominal', title: 'Arm', sort: arms, axis: {labelAngle: 0, orient: 'top'}},
      y: {field: 'section', type: 'nominal', title: 'Section', sort: sections, axis: {labelLimit: 320}},
    },
    layer: [
      {
        mark: {type: 'rect'},
        encoding: {
          color: {
            field: 'accuracy',
            type: 'quantitative',
            title: 'Accuracy',
            scale: {domain: [0, 1], scheme: 'blues'},
            legend: {format: '.0%'},
          },
          tooltip,
        },
      },
      {
        mark: {type: 'text', fontSize: 11},
        encoding: {
          text: {field: 'accuracy', type: 'quantitative', format: '.2f'},
          // White on dark cells, black on light ones.
          color: {condition: {test: 'datum.accuracy > 0.6', value: 'white'}, value: 'black'},
          tooltip,
        },
      },
    ],
  } as TopLevelSpec;
}
