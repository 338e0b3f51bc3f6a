/**
 * Run ids: `<UTC yyyymmdd-HHMMss>-<first 8 hex of sha256(config.resolved.json)>`. The time orders runs;
 * the hash says which runs share a config.
 */
import {createHash} from 'node:crypto';
import {stableJson} from '@embedlab/core/data';

export {stableJson};

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** sha256 of the resolved config's stable JSON. */
export function configHash(config: unknown): string {
  return sha256(stableJson(config));
}

/** `20261128-153012` in UTC. */
export function utcStamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}-${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}`;
}

export function makeRunId(config: unknown, date: Date): string {
  return `${utcStamp(date)}-${configHash(config).slice(0, 8)}`;
}

export const RUN_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{8}$/;
