import {mkdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {WordVectors} from '@embedlab/core';
import {tempDir} from '@embedlab/testing';
import {expect} from 'chai';
import {z} from 'zod';
import {portableDataDir, portablePath, portablePaths} from '../src/portable-paths.js';
import {defineComponent} from '../src/registry.js';
import type {VectorsBuilder} from '../src/registries-type.js';
import {runExperiment} from '../src/run.js';
import {createRuntime} from '../src/runtime.js';
import {fixtureRegistries} from './helpers/fixture-registries.js';

const roots = {project: '/work/main', dataDir: '/work/shared/datasets', cacheDir: '/root/.cache/embedlab', home: '/root'};

describe('portable paths (meta.json)', () => {
  it('rewrites paths under the project, data, cache and home folders', () => {
    const p = (s: string) => portablePath(s, roots);
    expect(p('/work/main/node_modules/.pnpm/wink/wink.json')).to.equal('node_modules/.pnpm/wink/wink.json');
    expect(p('/work/main')).to.equal('.');
    expect(p('/work/shared/datasets/google-analogy/questions-words.txt')).to.equal('$EMBEDLAB_DATA_DIR/google-analogy/questions-words.txt');
    expect(p('/root/.cache/embedlab/vectors/glove.evf')).to.equal('$EMBEDLAB_CACHE_DIR/vectors/glove.evf'); // deepest folder wins
    expect(p('/root/vectors/mine.vec')).to.equal('~/vectors/mine.vec');
  });

  it('rewrites paths inside messages, and file:// URLs', () => {
    expect(portablePath("Cannot find package 'x' imported from /work/main/packages/core/src/backend.ts", roots)).to.equal(
      "Cannot find package 'x' imported from packages/core/src/backend.ts",
    );
    expect(portablePath('see file:///work/shared/datasets/rw/rw.txt, then /root/.cache/embedlab.', roots)).to.equal(
      'see $EMBEDLAB_DATA_DIR/rw/rw.txt, then $EMBEDLAB_CACHE_DIR.',
    );
  });

  it('leaves other paths, look-alike prefixes and relative paths alone', () => {
    for (const s of ['/tmp/vectors.txt', '/work/main2/x', '/work/main.bak', '/x/work/main/y', 'work/main/z', '/rooted', 'glove-6b-100d', '']) {
      expect(portablePath(s, roots), s).to.equal(s);
    }
  });

  it('walks objects and arrays and keeps numbers, booleans and null', () => {
    const value = {a: ['/work/main/a', 1, true, null], b: {c: '/root/.cache/embedlab/x'}, n: 2.5};
    expect(portablePaths(value, roots)).to.deep.equal({a: ['a', 1, true, null], b: {c: '$EMBEDLAB_CACHE_DIR/x'}, n: 2.5});
    expect(value.a[0]).to.equal('/work/main/a'); // a copy
  });

  it('records the data folder relative to the project', () => {
    expect(portableDataDir('/work/shared/datasets', '/work/main')).to.equal('../shared/datasets');
    expect(portableDataDir('/work/main/data', '/work/main')).to.equal('data');
    expect(portableDataDir('/work/main', '/work/main')).to.equal('.');
  });

  it('a run writes meta.json with no absolute path of this machine', async () => {
    const dir = tempDir('embedlab-portable-');
    const [data, cache] = [join(dir, 'shared', 'datasets'), join(dir, 'cache')];
    const project = join(dir, 'project');
    mkdirSync(project);
    // Records an input under each folder, as the real loaders do (dataset file, vector cache, npm package).
    const recording = defineComponent({
      kind: 'vectors',
      name: 'recording',
      summary: 'records paths (test fixture)',
      params: z.object({}),
      create: (): VectorsBuilder => ({
        async build(ctx) {
          ctx.recordInput('vectors', 'v', {json: join(project, 'node_modules/pkg/v.json'), cache: join(ctx.cacheDir, 'vectors/v.evf'), file: join(ctx.dataDir!, 'ws353/combined.csv')});
          return {vectors: WordVectors.fromEntries([['a', [1, 0]], ['b', [0, 1]]]), trained: false, info: {source: join(project, 'vectors.txt')}};
        },
      }),
    });
    const registries = fixtureRegistries();
    registries.vectors.register(recording);
    const rt = createRuntime({
      cwd: project,
      env: {EMBEDLAB_DATA_DIR: data, EMBEDLAB_CACHE_DIR: cache, EMBEDLAB_BACKEND: 'cpu', EMBEDLAB_RESULTS_DIR: join(dir, 'results')},
      stdout: {write: () => true},
      stderr: {write: () => true},
      registries,
      argv: ['exp', 'run', 'paths'],
    });
    const config = {name: 'paths', description: 'records paths', seed: 1, arms: [{name: 'r', vectors: {type: 'recording'}}], evaluators: [{type: 'pair-cosine', a: 'a', b: 'b'}]};
    const result = await runExperiment(rt, 'paths', {config, quiet: true, report: false});
    const text = readFileSync(join(result.runDir, 'meta.json'), 'utf8');
    expect(text).not.to.include(dir);
    const meta = JSON.parse(text);
    expect(meta.dataDir).to.equal('../shared/datasets');
    expect(meta.inputs[0]).to.deep.include({json: 'node_modules/pkg/v.json', cache: '$EMBEDLAB_CACHE_DIR/vectors/v.evf', file: '$EMBEDLAB_DATA_DIR/ws353/combined.csv'});
    expect(meta.arms.r.source).to.equal('vectors.txt');
    expect(result.meta).to.deep.equal(meta); // the report is rendered from the same record
  });
});
