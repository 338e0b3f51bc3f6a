/**
 * Checks for the arguments of public functions, so that a user script passing a wrong type or shape gets
 * an ArgumentError naming the argument and what was expected, instead of a TypeError from deep inside.
 */
import {ArgumentError} from './errors.js';

/** A short description of a value for error messages: `null`, `an array of 3`, `a string "abc"`, `a Map`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return `a string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  if (typeof value === 'function') return 'a function';
  const name = (value as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}

/** Throws `ArgumentError("<name> must be <expected> (got <value>)")` unless `ok`. */
export function checkArgument(ok: boolean, name: string, expected: string, value: unknown): void {
  if (!ok) throw new ArgumentError(`${name} must be ${expected} (got ${describeValue(value)})`);
}

/** `value` is an integer >= `min` (default 1). */
export function checkInteger(value: unknown, name: string, min = 1): asserts value is number {
  checkArgument(Number.isInteger(value) && (value as number) >= min, name, min === 1 ? 'a positive integer' : `an integer >= ${min}`, value);
}

/** `value` is an instance of `type` (a class), e.g. `checkInstance(vectors, WordVectors, 'vectors')`. */
// A class with a private constructor (Vocabulary) is not `new`-able from outside, hence {prototype, name}.
export function checkInstance<T>(value: unknown, type: {readonly prototype: T; readonly name: string}, name: string): asserts value is T {
  checkArgument(value instanceof (type as unknown as abstract new () => T), name, `a ${type.name}`, value);
}

/** `value` is a non-null object whose `key` is an array (a dataset's `pairs`, `questions`, ...). */
export function checkArrayField(value: unknown, key: string, name: string, expected: string): void {
  checkArgument(typeof value === 'object' && value !== null && Array.isArray((value as Record<string, unknown>)[key]), name, expected, value);
}
