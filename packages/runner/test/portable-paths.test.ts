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

const roots = {project: '/srv/clone/embedlab', dataDir: '/srv/clone/shared/datasets', cacheDir: '/srv/me/.cache/embedlab', home: '/srv/me'};

describe('portable paths (meta.json)', () => {
  it('rewrites paths under the project, data, cache and home folders', () => {
    const p = (s: string) => portablePath(s, roots);
    expect(p('/srv/clone/embedlab/node_modules/.pnpm/wink/wink.json')).to.equal('node_modules/.pnpm/wink/wink.json');
    expect(p('/srv/clone/embedlab')).to.equal('.');
    expect(p('/srv/clone/shared/datasets/google-analogy/questions-words.txt')).to.equal('$EMBEDLAB_DATA_DIR/google-analogy/questions-words.txt');
    expect(p('/srv/me/.cache/embedlab/vectors/glove.evf')).to.equal('$EMBEDLAB_CACHE_DIR/vectors/glove.evf'); // deepest folder wins
    expect(p('/srv/me/vectors/mine.vec')).to.equal('~/vectors/mine.vec');
  });

  it('rewrites paths inside messages, and file:// URLs', () => {
    expect(portablePath("Cannot find package 'x' imported from /srv/clone/embedlab/packages/core/src/backend.ts", roots)).to.equal(
      "Cannot find package 'x' imported from packages/core/src/backend.ts",
    );
    expect(portablePath('see file:///srv/clone/shared/datasets/rw/rw.txt, then /srv/me/.cache/embedlab.', roots)).to.equal(
      'see $EMBEDLAB_DATA_DIR/rw/rw.txt, then $EMBEDLAB_CACHE_DIR.',
    );
  });

  it('leaves other paths, look-alike prefixes and relative paths alone', () => {
    for (const s of [
      '/tmp/vectors.txt',
      '/srv/clone/embedlab2/x',
      '/srv/clone/embedlab.bak',
      '/x/srv/clone/embedlab/y',
      'srv/clone/embedlab/z',
      '/srv/meal',
      'glove-6b-100d',
      '',
    ]) {
      expect(portablePath(s, roots), s).to.equal(s);
    }
  });

  it('walks objects and arrays and keeps numbers, booleans and null', () => {
    const value = {a: ['/srv/clone/embedlab/a', 1, true, null], b: {c: '/srv/me/.cache/embedlab/x'}, n: 2.5};
    expect(portablePaths(value, roots)).to.deep.equal({a: ['a', 1, true, null], b: {c: '$EMBEDLAB_CACHE_DIR/x'}, n: 2.5});
    expect(value.a[0]).to.equal('/srv/clone/embedlab/a'); // a copy
  });

  it('records the data folder relative to the project', () => {
    expect(portableDataDir('/srv/clone/shared/datasets', '/srv/clone/embedlab')).to.equal('../shared/datasets');
    expect(portableDataDir('/srv/clone/embedlab/data', '/srv/clone/embedlab')).to.equal('data');
    expect(portableDataDir('/srv/clone/embedlab', '/srv/clone/embedlab')).to.equal('.');
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
          ctx.recordInput('vectors', 'v', {
            json: join(project, 'node_modules/pkg/v.json'),
            cache: join(ctx.cacheDir, 'vectors/v.evf'),
            file: join(ctx.dataDir!, 'ws353/combined.csv'),
          });
          return {
            vectors: WordVectors.fromEntries([
              ['a', [1, 0]],
              ['b', [0, 1]],
            ]),
            trained: false,
            info: {source: join(project, 'vectors.txt')},
          };
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
    const config = {
      name: 'paths',
      description: 'records paths',
      seed: 1,
      arms: [{name: 'r', vectors: {type: 'recording'}}],
      evaluators: [{type: 'pair-cosine', a: 'a', b: 'b'}],
    };
    const result = await runExperiment(rt, 'paths', {config, quiet: true, report: false});
    const text = readFileSync(join(result.runDir, 'meta.json'), 'utf8');
    expect(text).not.to.include(dir);
    const meta = JSON.parse(text);
    expect(meta.dataDir).to.equal('../shared/datasets');
    expect(meta.inputs[0]).to.deep.include({
      json: 'node_modules/pkg/v.json',
      cache: '$EMBEDLAB_CACHE_DIR/vectors/v.evf',
      file: '$EMBEDLAB_DATA_DIR/ws353/combined.csv',
    });
    expect(meta.arms.r.source).to.equal('vectors.txt');
    expect(result.meta).to.deep.equal(meta); // the report is rendered from the same record
  });
});
