/**
 * Row checks shared by the spec builders. Specs are built from caller rows, so a NaN or a missing label
 * would otherwise surface as a silently absent bar; these name the row and field instead.
 */
import {ArgumentError} from '@embedlab/core';
import {messages} from './messages.js';

/** Throws unless `rows` is non-empty. */
export function requireRows(what: string, rows: readonly unknown[]): void {
  if (!Array.isArray(rows) || rows.length === 0) throw new ArgumentError(messages.emptyRows(what));
}

/** Returns `row[field]` when it is a finite number, else throws naming the row. */
export function finiteField(what: string, rows: readonly object[], index: number, field: string): number {
  const value = (rows[index] as Record<string, unknown>)[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ArgumentError(messages.notFinite(what, index, field, value));
  return value;
}

/** Returns `row[field]` when it is a non-empty string, else throws naming the row. */
export function stringField(what: string, rows: readonly object[], index: number, field: string): string {
  const value = (rows[index] as Record<string, unknown>)[field];
  if (typeof value !== 'string' || value.length === 0) throw new ArgumentError(messages.notString(what, index, field, value));
  return value;
}

/** Distinct values in first-appearance order: the caller's row order decides the order of arms, datasets, ... */
export function firstAppearance(values: Iterable<string>): string[] {
  return [...new Set(values)];
}
