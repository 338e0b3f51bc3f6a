/**
 * `exp eval` (ad-hoc evaluation), `exp datasets` and `exp vectors` (list / verify / fetch).
 */
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {Argument, type Command, InvalidArgumentError, Option} from 'commander';
import {ConfigError} from '@embedlab/core';
import {isDownloadable, listDatasets, resolveDataset, type ResolvedDataset} from '@embedlab/evaluators';
import {EMBEDDED_TEXT_SHA256, gloveTextSha256, listVectorSources, loadVectorSource} from '@embedlab/pretrained';
import {evaluateVectors} from '../ad-hoc-eval.js';
import {datasetOptions} from '../components/protocol-spec.js';
import {didYouMean} from '../did-you-mean.js';
import type {Runtime} from '../runtime.js';
import {detailTable, resultsTable} from '../table.js';
import {ExitCode} from './exit-code.js';
import {cacheDir, dataDir} from '@embedlab/core';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive integer (got ${JSON.stringify(value)})`);
  return n;
}

export function registerDataCommands(program: Command, rt: Runtime): void {
  const out = (text: string) => void rt.stdout.write(text);
  const quiet = (cmd: Command): boolean => Boolean(cmd.optsWithGlobals().quiet);

  program
    .command('eval')
    .description('Evaluate a vector file or named source on benchmark datasets (no experiment file; nothing written)')
    .argument('<vectors>', 'a named source (see `exp vectors`) or a GloVe / word2vec / fastText file')
    .option('--datasets <ids>', 'comma-separated dataset ids, or "all" (Google, BATS, every available similarity set)', 'all')
    .addOption(new Option('--protocol <name>', 'evaluation protocol preset').choices(['gensim', 'word2vec-c', 'glove']).default('gensim'))
    .option('--restrict <n>', "candidate rows (overrides the preset's)", positiveInt)
    .option('--resamples <n>', 'bootstrap resamples for the intervals', positiveInt)
    .option('--seed <n>', 'bootstrap seed', positiveInt)
    .option('--json', 'print {vectors, protocol, rows} as JSON instead of tables', false)
    .option('-q, --quiet', 'no progress lines', false)
    .action(
      async (
        vectors: string,
        opts: {datasets: string; protocol: string; restrict?: number; resamples?: number; seed?: number; json: boolean},
        cmd: Command,
      ) => {
        const datasets =
          opts.datasets === 'all'
            ? 'all'
            : opts.datasets
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean);
        const log = (line: string) => {
          if (!quiet(cmd)) rt.stderr.write(line + '\n');
        };
        const result = await evaluateVectors(rt, vectors, {
          datasets,
          protocol: opts.protocol,
          log,
          quiet: quiet(cmd),
          ...(opts.restrict !== undefined ? {restrict: opts.restrict} : {}),
          ...(opts.resamples !== undefined ? {resamples: opts.resamples} : {}),
          ...(opts.seed !== undefined ? {seed: opts.seed} : {}),
        });
        if (opts.json) {
          out(JSON.stringify({vectors: result.vectors, protocol: result.protocol, rows: result.rows}, null, 2) + '\n');
          return;
        }
        const arms = result.config.arms.map((a) => a.name);
        out(`protocol ${result.protocol.name} (hash ${result.protocol.hash})\n\n` + resultsTable(result.rows, arms));
        if (result.rows.some((r) => r.detail)) out('\n' + detailTable(result.rows, arms));
      },
    );

  program
    .command('datasets')
    .description(
      'List benchmark datasets and which file was found where; verify their checksums; fetch every dataset that has a ' +
        'checksummed download into the cache (EMBEDLAB_CACHE_DIR/datasets; EMBEDLAB_DATASETS_MIRROR: another base URL laid out like the data dir)',
    )
    .addArgument(new Argument('[action]', 'list | verify | fetch').choices(['list', 'verify', 'fetch']).default('list'))
    .argument('[ids...]', 'dataset ids (default: all)')
    .action(async (action: string, ids: string[]) => {
      const known = listDatasets();
      ids.forEach((id) => {
        if (!known.some((d) => d.id === id))
          throw new ConfigError(
            '',
            `unknown dataset "${id}"${didYouMean(
              id,
              known.map((d) => d.id),
            )}`,
          );
      });
      const chosen = ids.length ? known.filter((d) => ids.includes(d.id)) : known;
      const base = {dataDir: dataDir(rt.env), cacheDir: cacheDir(rt.env)};
      const mirror = rt.env.EMBEDLAB_DATASETS_MIRROR || undefined;
      out(
        `data directory: ${base.dataDir ?? '(none: set EMBEDLAB_DATA_DIR or put ../shared/datasets beside the checkout)'}; cache: ${join(base.cacheDir, 'datasets')}${action === 'fetch' && mirror ? `; mirror: ${mirror}` : ''}\n`,
      );
      let failed = 0;
      for (const d of chosen) {
        let status: string;
        const fetchable = action === 'fetch' && isDownloadable(d);
        try {
          const r = await resolveDataset(d.id, {...datasetOptions(base), download: fetchable, ...(mirror ? {mirror} : {})});
          status = foundStatus(r);
        } catch (error) {
          const message = (error as Error).message;
          const missing = / not found \(/.test(message);
          const downloadError = /^(download of .*?)\. dataset "/.exec(message)?.[1];
          status = downloadError ? `FAILED: ${downloadError}` : missing ? `missing (${/not found \((.*?)\)/.exec(message)?.[1] ?? ''})` : `FAILED: ${message}`;
          // A bad file fails verify and fetch; a missing one fails verify when asked for by id, and fetch when it
          // could have been downloaded or was asked for by id (sets without a checksummed download stay listed as missing).
          if (!missing ? action !== 'list' : (action === 'fetch' && fetchable) || (action !== 'list' && ids.includes(d.id))) failed++;
        }
        out(`  ${d.id.padEnd(16)} ${d.task.padEnd(10)} ${String(d.items ?? '?').padStart(6)} items  ${status}\n`);
      }
      if (action !== 'list' && failed) throw new ExitCode(1);
    });

  program
    .command('vectors')
    .description('List named vector sources; verify or fetch one (the embedded default needs no download)')
    .addArgument(new Argument('[action]', 'list | verify | fetch').choices(['list', 'verify', 'fetch']).default('list'))
    .argument('[source]', 'source name (verify/fetch; default glove-6b-100d)', 'glove-6b-100d')
    .action(async (action: string, source: string, _opts: unknown, cmd: Command) => {
      const sources = listVectorSources();
      const base = cacheDir(rt.env);
      if (action === 'list') {
        for (const s of sources) {
          const where = s.embedded
            ? `embedded (npm ${s.embedded})`
            : existsSync(join(base, 'vectors', s.file))
              ? 'in cache'
              : s.download
                ? `download ${s.download.approxSize ?? ''}`.trim()
                : 'missing';
          out(`  ${s.name.padEnd(26)} ${String(s.dim).padStart(4)}d  ${where.padEnd(34)} ${s.description}\n`);
        }
        return;
      }
      const s = sources.find((x) => x.name === source);
      if (!s)
        throw new ConfigError(
          '',
          `unknown vector source "${source}"${didYouMean(
            source,
            sources.map((x) => x.name),
          )}`,
        );
      const t0 = performance.now();
      const vectors = await loadVectorSource(source, {cacheDir: base, download: action === 'fetch'});
      if (!quiet(cmd)) out(`${source}: ${vectors.size} x ${vectors.dim} in ${((performance.now() - t0) / 1000).toFixed(1)}s\n`);
      if (action === 'verify' && s.embedded) {
        const sha = gloveTextSha256(vectors);
        const ok = sha === EMBEDDED_TEXT_SHA256;
        out(
          `${source}: GloVe text sha256 ${sha} ${ok ? 'matches' : `DIFFERS from ${EMBEDDED_TEXT_SHA256}`} (the file gensim's reference figures were computed on)\n`,
        );
        if (!ok) throw new ExitCode(1);
      } else if (action === 'verify') {
        const sha = vectors.meta.sha256 ?? vectors.meta.downloadSha256;
        out(`${source}: read ${vectors.size} rows${sha ? `, sha256 ${String(sha)}` : ''} (no published checksum to compare with)\n`);
      }
    });
}

/** Where a dataset was found and which file: `data-dir: mturk-771/EN-MTurk-771.txt (wordvectors.org copy, ...; no published sha256)`. */
export function foundStatus(r: ResolvedDataset): string {
  const origin = [...new Set(r.files.map((f) => f.origin))].join('+');
  const what = r.files.length === 1 ? r.files[0]!.path : `${r.files.length} files`;
  const checked = r.alternative === null && r.entry.files.every((f) => f.sha256) ? 'sha256 ok' : 'no published sha256';
  return `${origin}: ${what} (${r.alternative === null ? '' : `${r.alternative}; `}${checked})`;
}
