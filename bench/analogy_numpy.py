#!/usr/bin/python3
"""The Google analogy test as an expert would write it with numpy: unit rows, the questions' query vectors
stacked, one (queries x dim) @ (dim x restrict) product per batch of questions (BLAS sgemm), then the best
allowed row per question. Same rules as gensim's evaluate_word_analogies (case_insensitive=True):

  - the vocabulary is the first `restrict` rows; a word is known by its upper-cased form, the lowest row
    of an upper-cased form stands for it; a question with any unknown word (expected included) is skipped;
  - 3CosAdd: the query is unit(unit(b) - unit(a) + unit(c)) (gensim's get_mean_vector, weights 1, -1, 1);
    3CosMul: gensim's most_similar_cosmul, ((1+cos b)/2 (1+cos c)/2) / ((1+cos a)/2 + 1e-6), three products;
  - the three input rows cannot be predicted, and neither can any row whose upper-cased word is one of the
    three (gensim's `predicted in ignore` loop); ties go to the lowest row (numpy argmax).

Run it with OpenBLAS (Debian's default libblas.so.3 is the reference BLAS):
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread OPENBLAS_NUM_THREADS=2 \
    /usr/bin/python3 bench/analogy_numpy.py --bin V.f32 --words W.txt --questions questions-words.txt \
    --restrict 30000 --method 3CosAdd [--batch 256]
Prints one JSON line: seconds and cpuSeconds of the timed part (vocabulary, questions, products, selection,
counts; not the file reading nor the unit rows, which the TypeScript side also does once and caches), the
BLAS in use, per-section counts.
"""
import argparse
import json
import os
import time

import numpy as np


def blas_name():
    """Which libblas.so.3 numpy's process loaded (OpenBLAS or the reference BLAS)."""
    try:
        with open('/proc/self/maps', encoding='utf8') as f:
            libs = sorted({line.split()[-1] for line in f if 'blas' in line and '/' in line})
        return ', '.join(libs)
    except OSError:
        return 'unknown'


def evaluate(keys, unit, r, args):
    """One whole evaluation: what is timed (gensim's evaluate_word_analogies times the same steps)."""
    ok = {}
    variants = {}
    for i in range(r - 1, -1, -1):
        u = keys[i].upper()
        ok[u] = i
        variants.setdefault(u, []).append(i)

    sections = []
    qa, qb, qc, qe, qsec = [], [], [], [], []
    with open(args.questions, encoding='utf8') as f:
        for line in f:
            if line.startswith(': '):
                sections.append({'section': line.lstrip(': ').strip(), 'correct': 0, 'evaluated': 0})
                continue
            a, b, c, e = [w.upper() for w in line.split()]
            if a not in ok or b not in ok or c not in ok or e not in ok:
                continue
            qa.append(ok[a]); qb.append(ok[b]); qc.append(ok[c]); qe.append(ok[e]); qsec.append(len(sections) - 1)
            sections[-1]['evaluated'] += 1
    n = len(qa)
    qa, qb, qc, qe = (np.array(x, dtype=np.int64) for x in (qa, qb, qc, qe))
    # Rows each question may not predict: the inputs and their case variants.
    banned = [sorted(set(variants[keys[qa[i]].upper()] + variants[keys[qb[i]].upper()] + variants[keys[qc[i]].upper()])) for i in range(n)]

    predicted = np.empty(n, dtype=np.int64)
    unit_t = unit.T  # a view: sgemm reads it transposed
    for s in range(0, n, args.batch):
        e_ = min(n, s + args.batch)
        if args.method == '3CosAdd':
            q = unit[qb[s:e_]] - unit[qa[s:e_]] + unit[qc[s:e_]]
            q /= np.linalg.norm(q, axis=1)[:, None]
            scores = q.astype(np.float32) @ unit_t
        else:
            sa = (1 + unit[qa[s:e_]] @ unit_t) / 2
            sb = (1 + unit[qb[s:e_]] @ unit_t) / 2
            sc = (1 + unit[qc[s:e_]] @ unit_t) / 2
            scores = sb * sc / (sa + np.float32(1e-6))
        for i in range(e_ - s):
            scores[i, banned[s + i]] = -np.inf
        predicted[s:e_] = np.argmax(scores, axis=1)
    for i in range(n):
        if keys[predicted[i]].upper() == keys[qe[i]].upper():
            sections[qsec[i]]['correct'] += 1
    return sections, n


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--bin', required=True)
    p.add_argument('--words', required=True)
    p.add_argument('--dim', type=int, default=100)
    p.add_argument('--questions', required=True)
    p.add_argument('--restrict', type=int, default=30000)
    p.add_argument('--method', default='3CosAdd', choices=['3CosAdd', '3CosMul'])
    p.add_argument('--batch', type=int, default=256)
    p.add_argument('--warmup', type=int, default=0, help='untimed evaluations before the timed one')
    args = p.parse_args()

    with open(args.words, encoding='utf8') as f:
        words = f.read().split('\n')
    vectors = np.fromfile(args.bin, dtype=np.float32).reshape(len(words), args.dim)
    r = min(args.restrict, len(words))
    keys = words[:r]
    # Unit rows as gensim computes them (float32 norms, float32 division).
    unit = vectors[:r] / np.linalg.norm(vectors[:r], axis=1)[:, None]
    unit = np.ascontiguousarray(unit, dtype=np.float32)
    # --warmup: untimed evaluations first in the same process (the TypeScript side also times warm runs).
    for _ in range(args.warmup):
        evaluate(keys, unit, r, args)
    t0, c0 = time.perf_counter(), time.process_time()
    sections, n = evaluate(keys, unit, r, args)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({
        'seconds': seconds, 'cpuSeconds': cpu, 'method': args.method, 'restrict': r, 'evaluated': n,
        'correct': int(sum(s['correct'] for s in sections)), 'sections': sections, 'numpy': np.__version__,
        'blas': blas_name(), 'openblas_threads': os.environ.get('OPENBLAS_NUM_THREADS'), 'batch': args.batch, 'warmup': args.warmup,
    }))


if __name__ == '__main__':
    main()
