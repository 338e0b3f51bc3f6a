/**
 * Post-processing components, applied in order after any arm's vectors are built (`postprocess: [...]` on
 * an arm): `retrofit` (Faruqui et al. 2015) to the WordNet synonym lexicon or a lexicon file, and
 * `all-but-the-top` (Mu et al. 2018). Both are deterministic, so a frozen arm stays exactly reproducible.
 */
import {readFileSync} from 'node:fs';
import {ConfigError, DataError} from '@embedlab/core';
import {wordnetLexicon} from '@embedlab/corpora';
import {allButTheTop, retrofit} from '@embedlab/optimizers';
import {z} from 'zod';
import type {PostProcessor} from '../registries-type.js';
import {defineComponent} from '../registry.js';

/**
 * A lexicon file in the retrofitting reference format: one line per word, `word neighbour1 neighbour2 ...`
 * (whitespace separated); blank lines skipped.
 */
export function readLexiconFile(file: string): Map<string, string[]> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError('file', `cannot read lexicon file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const lexicon = new Map<string, string[]>();
  text.split(/\r?\n/).forEach((line, i) => {
    const words = line.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return;
    if (words.length < 2) throw new DataError(file, i + 1, `expected "word neighbour1 neighbour2 ..." (got only ${JSON.stringify(words[0])})`);
    const [word, ...neighbours] = words as [string, ...string[]];
    lexicon.set(word, [...(lexicon.get(word) ?? []), ...neighbours]);
  });
  return lexicon;
}

export const retrofitParams = z.object({
  /** WordNet relations linking two words (from @embedlab/corpora's packaged WordNet). Ignored with `file`. */
  relations: z
    .array(z.enum(['synonyms', 'hypernyms', 'hyponyms']))
    .min(1)
    .default(['synonyms']),
  /** A lexicon file (`word neighbour ...` per line) instead of WordNet. */
  file: z.string().min(1).optional(),
  /** Passes over the lexicon (reference: 10). */
  iterations: z.number().int().nonnegative().default(10),
  /** Weight of the original vector (reference: 1). */
  alpha: z.number().nonnegative().default(1),
  /** Unit-normalize the input vectors first (reference: true). */
  normalize: z.boolean().default(true),
});

export const retrofitPost = defineComponent({
  kind: 'postprocess',
  name: 'retrofit',
  summary: 'retrofit to a synonym lexicon (Faruqui et al. 2015; WordNet synonyms by default, or a lexicon file)',
  params: retrofitParams,
  create: (p): PostProcessor => ({
    async apply(arm, ctx) {
      const lexicon =
        p.file !== undefined
          ? await ctx.memo(`lexicon-file:${p.file}`, async () => readLexiconFile(p.file as string))
          : await ctx.memo(`wordnet-lexicon:${p.relations.join(',')}`, () => wordnetLexicon({relations: p.relations}));
      const name = p.file ?? `wordnet-${p.relations.join('+')}`;
      ctx.recordInput('lexicon', name, {entries: lexicon.size, ...(p.file === undefined ? {package: '@embedlab/corpora'} : {})});
      const r = retrofit(arm.vectors, lexicon, {iterations: p.iterations, alpha: p.alpha, normalize: p.normalize});
      ctx.log(`retrofit (${name}): ${r.updatedWords} words updated over ${r.edges} edges`);
      return {vectors: r.vectors, info: {type: 'retrofit', lexicon: name, updatedWords: r.updatedWords, edges: r.edges}};
    },
  }),
});

export const allButTheTopParams = z.object({
  /** Principal directions removed. __Default:__ max(1, round(dim / 100)). */
  components: z.number().int().nonnegative().optional(),
  /** Fit the mean and directions on the first N rows (frequent words) only. __Default:__ all rows. */
  fitRows: z.number().int().min(2).optional(),
});

export const allButTheTopPost = defineComponent({
  kind: 'postprocess',
  name: 'all-but-the-top',
  summary: 'all-but-the-top (Mu et al. 2018): remove the mean and the top principal directions',
  params: allButTheTopParams,
  create: (p): PostProcessor => ({
    async apply(arm, ctx) {
      const r = allButTheTop(arm.vectors, {
        ...(p.components !== undefined ? {components: p.components} : {}),
        ...(p.fitRows !== undefined ? {fitRows: p.fitRows} : {}),
      });
      ctx.log(`all-but-the-top: removed mean and ${r.variances.length} directions (variance shares ${r.varianceShares.map((s) => s.toFixed(3)).join(', ')})`);
      return {vectors: r.vectors, info: {type: 'all-but-the-top', components: r.variances.length, varianceShares: r.varianceShares}};
    },
  }),
});
