/**
 * One sweep run, in the current process: execute the resolved config (run.ts's executeConfig), write
 * config, metrics, summary, meta and identity into a temporary folder of the store, then rename it into
 * place. An error removes the temporary folder; a kill leaves one that the next open of the store removes.
 */
import {rmSync} from 'node:fs';
import {initBackend} from '@embedlab/core';
import type {ExperimentConfig} from '../experiment.js';
import {packageVersions} from '../meta.js';
import type {MetricRow} from '../metric-row.js';
import {protocolInfo} from '../protocol.js';
import {configHash} from '../run-id.js';
import {executeConfig} from '../run.js';
import type {Runtime} from '../runtime.js';
import {buildSummary} from '../summary.js';
import {RunStore, writeJson, writeRows, type StoredIdentity} from './store.js';

export interface SweepJob {
  storeDir: string;
  config: ExperimentConfig;
  identity: StoredIdentity;
  /** Run even when the store has it (`--force`; read by Redis workers). */
  force?: boolean;
}

export async function executeJob(rt: Runtime, job: SweepJob): Promise<string> {
  const store = new RunStore(job.storeDir);
  const {config, identity} = job;
  const t0 = performance.now();
  const backend = await initBackend(rt.env.EMBEDLAB_BACKEND ?? rt.env.TF_BACKEND);
  const tmp = store.begin(identity.id);
  try {
    writeJson(tmp, 'config.resolved.json', config);
    writeJson(tmp, 'identity.json', identity);
    const rows: MetricRow[] = [];
    await executeConfig(rt, config, {say: () => {}, quiet: true, emit: (r) => rows.push(...r)});
    writeRows(tmp, 'metrics.jsonl', rows);
    const hash = configHash(config);
    const summary = buildSummary({config, runId: identity.id, configHash: hash, protocolHash: protocolInfo(config.evaluation).hash, rows});
    writeJson(tmp, 'summary.json', summary);
    writeJson(tmp, 'meta.json', {
      runId: identity.id,
      configHash: hash,
      backend: {name: backend.name, tfjs: backend.tfjsVersion},
      node: process.version,
      packages: packageVersions(),
      pid: process.pid,
      durationSeconds: (performance.now() - t0) / 1000,
      endedAt: new Date().toISOString(),
    });
    return store.commit(tmp, identity.id);
  } catch (error) {
    rmSync(tmp, {recursive: true, force: true});
    throw error;
  }
}
