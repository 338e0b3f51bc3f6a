#!/usr/bin/python3
"""Time gensim's KeyedVectors.evaluate_word_analogies on the same vectors the TypeScript bench uses.

Usage: /usr/bin/python3 bench/analogy_gensim.py --bin VECTORS.f32 --words WORDS.txt --dim 100 \
           --questions questions-words.txt --restricts 30000,300000 [--out result.json] [--dump DIR]

VECTORS.f32 is a row-major float32 [n, dim] matrix and WORDS.txt one word per line in row order (the test
helper packages/evaluators/test/helpers/glove.ts writes both). Prints one JSON object: per restrict the
seconds spent inside evaluate_word_analogies, and the correct/evaluated counts per section. With --dump,
writes DIR/gensim-<restrict>.txt with one line per evaluated question: 1/0 then the question (upper-cased).
With --line, runs the first restrict only and prints one compact JSON line (bench/lib/compare.ts's format).
"""
import argparse
import json
import logging
import os
import sys
import time

import numpy as np
from gensim.models import KeyedVectors


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--bin', required=True)
    p.add_argument('--words', required=True)
    p.add_argument('--dim', type=int, default=100)
    p.add_argument('--questions', required=True)
    p.add_argument('--restricts', default='30000')
    p.add_argument('--out')
    p.add_argument('--dump')
    p.add_argument('--line', action='store_true', help='one compact JSON line (the first restrict only): seconds, cpuSeconds, sections')
    args = p.parse_args()
    logging.basicConfig(level=logging.WARNING)

    with open(args.words, encoding='utf8') as f:
        words = f.read().split('\n')
    vectors = np.fromfile(args.bin, dtype=np.float32).reshape(len(words), args.dim)
    kv = KeyedVectors(args.dim, dtype=np.float32)
    kv.add_vectors(words, vectors)
    assert kv.vectors.dtype == np.float32 and len(kv.index_to_key) == len(words)
    result = {'gensim': __import__('gensim').__version__, 'numpy': np.__version__,
              'openblas_threads': os.environ.get('OPENBLAS_NUM_THREADS'), 'restricts': {}}
    for r in [int(x) for x in args.restricts.split(',') if x]:
        t0, c0 = time.perf_counter(), time.process_time()
        score, sections = kv.evaluate_word_analogies(args.questions, restrict_vocab=r, case_insensitive=True)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        secs = [{'section': s['section'], 'correct': len(s['correct']),
                 'evaluated': len(s['correct']) + len(s['incorrect'])} for s in sections if s['section'] != 'Total accuracy']
        result['restricts'][str(r)] = {'seconds': seconds, 'cpuSeconds': cpu, 'accuracy': score, 'sections': secs}
        if args.line:
            print(json.dumps({**result['restricts'][str(r)], 'gensim': result['gensim'], 'restrict': r}))
            return
        if args.dump:
            os.makedirs(args.dump, exist_ok=True)
            with open(os.path.join(args.dump, 'gensim-%d.txt' % r), 'w', encoding='utf8') as f:
                for s in sections:
                    if s['section'] == 'Total accuracy':
                        continue
                    for flag, key in ((1, 'correct'), (0, 'incorrect')):
                        for q in s[key]:
                            f.write('%d %s %s\n' % (flag, s['section'], ' '.join(q)))
        print('restrict %d: %.1f s' % (r, seconds), file=sys.stderr, flush=True)
    text = json.dumps(result, indent=1)
    if args.out:
        with open(args.out, 'w', encoding='utf8') as f:
            f.write(text)
    print(text)


if __name__ == '__main__':
    main()
