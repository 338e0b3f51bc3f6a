/**
 * Every committed experiment validates against the real registries (the vega-lite examples test, STYLE.md
 * section 8): configs, component names and params stay in step with the code.
 */
import {readdirSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect} from 'chai';
import {runCli} from '../src/cli/run-cli.js';
import {listExperiments} from '../src/load-experiment.js';
import {registries} from '../src/registries.js';
import {resolveConfig} from '../src/resolve-config.js';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const EXPERIMENTS = join(ROOT, 'experiments');

describe('experiments/', () => {
  const names = readdirSync(EXPERIMENTS, {withFileTypes: true})
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

  it('holds random, glove-init, fine-tuned and compare; each folder has a README and either an experiment.ts (run by `exp`) or a run.ts (a script experiment)', () => {
    expect(names).to.include.members(['random', 'glove-init', 'fine-tuned', 'compare', '_template']);
    for (const n of names) {
      const files = readdirSync(join(EXPERIMENTS, n));
      expect(files, n).to.include('README.md');
      expect(files.includes('experiment.ts') || files.includes('run.ts'), `${n}: experiment.ts or run.ts`).to.equal(true);
    }
  });

  it('lists every folder with an experiment.ts but the `_` scaffolding as an experiment', () => {
    const withConfig = names.filter((n) => !n.startsWith('_') && readdirSync(join(EXPERIMENTS, n)).includes('experiment.ts'));
    expect(listExperiments(EXPERIMENTS)).to.deep.equal(withConfig.sort());
  });

  // Every experiment, not a named few: a new one is checked the day it is added.
  for (const name of listExperiments(EXPERIMENTS)) {
    it(`${name} validates against the registries, named as its folder`, async () => {
      let out = '';
      let err = '';
      const code = await runCli(['validate', name], {
        cwd: ROOT,
        env: {PATH: process.env.PATH, HOME: process.env.HOME},
        registries,
        stdout: {write: (s: string) => (out += s)},
        stderr: {write: (s: string) => (err += s)},
      });
      expect(code, err).to.equal(0);
      expect(JSON.parse(out).name).to.equal(name);
    });
  }

  it('the template validates once renamed (what a contributor copies)', async () => {
    const template = (await import(join(EXPERIMENTS, '_template', 'experiment.ts'))).default as {name: string};
    const config = resolveConfig({...template, name: 'copied-template'}, registries);
    expect(config.arms.map((a) => a.vectors.type)).to.deep.equal(['pretrained', 'random']);
    expect(config.evaluators[0]!.type).to.equal('similarity');
  });

  for (const name of ['random', 'glove-init', 'fine-tuned', 'compare', 'post-processing']) {
    it(`${name} validates with every default filled in, on the intrinsic evaluators`, async () => {
      let out = '';
      let err = '';
      const code = await runCli(['validate', name], {
        cwd: ROOT,
        env: {PATH: process.env.PATH, HOME: process.env.HOME},
        registries,
        stdout: {write: (s: string) => (out += s)},
        stderr: {write: (s: string) => (err += s)},
      });
      expect(code, err).to.equal(0);
      const config = JSON.parse(out);
      expect(config.name).to.equal(name);
      expect(config.evaluation.protocol).to.equal('gensim');
      expect(config.evaluators.map((e: {type: string}) => e.type)).to.deep.equal(['google-analogy', 'bats', 'similarity']);
    });
  }

  it('compare runs exactly the arms of the single-arm experiments', async () => {
    const arms = async (name: string) => {
      let out = '';
      await runCli(['validate', name], {cwd: ROOT, env: {}, registries, stdout: {write: (s: string) => (out += s)}, stderr: {write: () => true}});
      return JSON.parse(out).arms;
    };
    const compare = await arms('compare');
    expect(compare).to.deep.equal([...(await arms('random')), ...(await arms('glove-init')), ...(await arms('fine-tuned'))]);
  });

  it("the language-model experiments validate; lm-compare runs the single-arm LM experiments' arms, then one-seed ablations", async () => {
    const resolved = async (name: string) => {
      let out = '';
      let err = '';
      const code = await runCli(['validate', name], {
        cwd: ROOT,
        env: {},
        registries,
        stdout: {write: (s: string) => (out += s)},
        stderr: {write: (s: string) => (err += s)},
      });
      expect(code, err).to.equal(0);
      return JSON.parse(out);
    };
    const single = [];
    for (const name of ['lm-random', 'lm-glove-init', 'lm-glove-frozen']) {
      const config = await resolved(name);
      expect(config.arms.map((a: {name: string}) => a.name)).to.deep.equal([name]);
      expect(config.arms[0].vectors.seeds).to.have.length.of.at.least(3);
      single.push(...config.arms);
    }
    expect(single.map((a) => a.vectors.table.freeze)).to.deep.equal(['none', 'none', 'pretrained-rows']);
    const compare = await resolved('lm-compare');
    expect(compare.arms.slice(0, 3)).to.deep.equal(single);
    const ablations = compare.arms
      .slice(3)
      .map((a: {name: string; vectors: {model: {tie: boolean; positions: string}; seeds: number[]}}) => [
        a.name,
        a.vectors.model.tie,
        a.vectors.model.positions,
        a.vectors.seeds,
      ]);
    expect(ablations).to.deep.equal([
      ['lm-glove-init-untied', false, 'learned', [1]],
      ['lm-glove-init-sinusoidal', true, 'sinusoidal', [1]],
      ['lm-glove-init-rope', true, 'rope', [1]],
    ]);
  });
});
