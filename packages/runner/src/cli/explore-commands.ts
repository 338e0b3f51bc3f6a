/**
 * `exp explore` (an offline HTML page), `exp neighbours` and `exp analogy` (the terminal).
 */
import {relative} from 'node:path';
import {type Command, InvalidArgumentError} from 'commander';
import {analogyOf, ANALOGY_PROTOCOL, explore, loadVectorsArg, unknownWords, unknownWordsMessage} from '../explore/explore.js';
import {chooseProgress} from '../progress.js';
import type {Runtime} from '../runtime.js';
import {versionsLine} from '../explore/provenance.js';
import {ExitCode} from './exit-code.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive integer (got ${JSON.stringify(value)})`);
  return n;
}

export function registerExploreCommands(program: Command, rt: Runtime): void {
  const out = (text: string) => void rt.stdout.write(text);
  const quiet = (cmd: Command): boolean => Boolean(cmd.optsWithGlobals().quiet);

  program
    .command('explore')
    .description('Write one offline HTML page to look at vectors: search, neighbours per arm side by side, analogies, a UMAP/PCA map')
    .argument('<inputs...>', "'default' (GloVe 6B 100d), a named source, a vector file, or a run folder results/<experiment>/<runId>")
    .option('--arms <names>', 'run folder: the arms to show (comma-separated); files: names for the arms')
    .option('--top <n>', "words searchable and used as neighbour candidates (the first arm's first N rows)", positiveInt, 20000)
    .option('--map <n>', 'words on the map (the first N of the top words, plus --groups words)', positiveInt, 5000)
    .option('--groups <file>', 'colour the map by word lists: lines "group: word word ..."')
    .option('--seed <n>', 'UMAP seed', positiveInt, 1337)
    .option('--no-umap', 'PCA only (quick)')
    .option('--out <file>', 'the page to write', 'explore.html')
    .option('-q, --quiet', 'print only errors and the result line', false)
    .action(
      async (inputs: string[], opts: {arms?: string; top: number; map: number; groups?: string; seed: number; umap: boolean; out: string}, cmd: Command) => {
        const progress = chooseProgress(rt.stderr, {quiet: quiet(cmd), ci: rt.ci});
        const result = await explore(rt, inputs, {
          ...(opts.arms
            ? {
                arms: opts.arms
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
              }
            : {}),
          top: opts.top,
          map: opts.map,
          seed: opts.seed,
          noUmap: !opts.umap,
          out: opts.out,
          ...(opts.groups ? {groups: opts.groups} : {}),
          progress,
          provenance: {command: `pnpm exp explore ${inputs.join(' ')}`, inputs: inputs.join(', '), versions: versionsLine()},
        });
        for (const s of result.skipped) rt.stderr.write(`warning: skipped arm ${s}\n`);
        out(
          `explorer: ${relative(rt.cwd, result.file) || result.file} (${(result.bytes / 1e6).toFixed(1)} MB; arms ${result.arms.join(', ')}; ` +
            `${result.words} words, ${result.mapPoints} on the map; load ${result.seconds.load.toFixed(1)} s, build ${result.seconds.build.toFixed(1)} s)\n`,
        );
      },
    );

  program
    .command('neighbours')
    .alias('neighbors')
    .description('Nearest words by cosine similarity')
    .argument('<vectors>', "'default' (GloVe 6B 100d), a named source or a vector file")
    .argument('<words...>', 'query words')
    .option('--k <n>', 'neighbours per word', positiveInt, 10)
    .option('--restrict <n>', 'candidates: the first N rows only (default: all)', positiveInt)
    .option('--json', 'print JSON', false)
    .action(async (source: string, words: string[], opts: {k: number; restrict?: number; json: boolean}) => {
      const vectors = await loadVectorsArg(rt, source);
      const unknown = unknownWords(vectors, words);
      if (unknown.length) {
        rt.stderr.write(`error: ${unknownWordsMessage(source, unknown)}\n`);
        throw new ExitCode(1);
      }
      const options = {k: opts.k, ...(opts.restrict ? {restrict: opts.restrict} : {})};
      const results = words.map((word) => ({word, neighbours: vectors.nearest(word, options).map((n) => ({word: n.word, score: n.score}))}));
      if (opts.json) {
        out(JSON.stringify({vectors: source, rows: vectors.size, k: opts.k, restrict: opts.restrict ?? null, measure: 'cosine', results}, null, 2) + '\n');
        return;
      }
      for (const r of results) {
        out(`${r.word}:\n`);
        r.neighbours.forEach((n, i) => out(`  ${String(i + 1).padStart(3)}  ${n.word.padEnd(24)} ${n.score.toFixed(4)}\n`));
      }
    });

  program
    .command('analogy')
    .description('a - b + c: the words nearest to it (3CosAdd; a, b and c excluded), e.g. king man woman -> queen')
    .argument('<vectors>', "'default' (GloVe 6B 100d), a named source or a vector file")
    .argument('<a>')
    .argument('<b>')
    .argument('<c>')
    .option('--k <n>', 'answers', positiveInt, 10)
    .option('--restrict <n>', 'candidates: the first N rows only (default: all)', positiveInt)
    .option('--json', 'print JSON', false)
    .action(async (source: string, a: string, b: string, c: string, opts: {k: number; restrict?: number; json: boolean}) => {
      const vectors = await loadVectorsArg(rt, source);
      const unknown = unknownWords(vectors, [a, b, c]);
      if (unknown.length) {
        rt.stderr.write(`error: ${unknownWordsMessage(source, unknown)}\n`);
        throw new ExitCode(1);
      }
      const answers = analogyOf(vectors, a, b, c, {k: opts.k, ...(opts.restrict ? {restrict: opts.restrict} : {})}).map((n) => ({
        word: n.word,
        score: n.score,
      }));
      const candidates = Math.min(opts.restrict ?? vectors.size, vectors.size);
      if (opts.json) {
        out(JSON.stringify({vectors: source, protocol: ANALOGY_PROTOCOL, candidates, query: {a, b, c}, answers}, null, 2) + '\n');
        return;
      }
      out(`${a} - ${b} + ${c} (${ANALOGY_PROTOCOL}; ${candidates} candidate rows):\n`);
      answers.forEach((n, i) => out(`  ${String(i + 1).padStart(3)}  ${n.word.padEnd(24)} ${n.score.toFixed(4)}\n`));
    });
}
