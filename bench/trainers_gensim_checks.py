"""Checks of gensim 4.2's word2vec internals behind the CBOW comparison (issue 16; bench/README.md,
trainers-bench.ts). Reference tool only: tests never run this.

  /usr/bin/python3 bench/trainers_gensim_checks.py [CORPUS.txt]

1. Sigmoid index factor of the compiled module: one CBOW-negative update through train_batch_cbow with
   f_dot = 5.9, where int((f + 6) * 83) = 987 and int((f + 6) * 83.333) = 991 select different table rows.
2. Initial vectors: the range of gensim's input rows times dim, and whether a word's row depends on the
   rest of the vocabulary (gensim 3 seeded each row from hash(word + seed); gensim 4 draws all rows at once).
3. With CORPUS.txt (one sentence per line, as trainers-bench.ts writes it): the learning rate per word
   under gensim's job producer (jobs of <= 10,000 words) when progress counts sentences
   (train(total_examples=...)) or words (train(total_words=...)), summarised per epoch.

Prints one JSON object.
"""
import json
import math
import sys

import numpy as np
from gensim.models import Word2Vec
from gensim.models.word2vec_inner import train_batch_cbow

out = {}

# 1. Only the positive update of word a (context b) is unsaturated: every other score is >= 6 and skipped.
m = Word2Vec(vector_size=4, window=1, negative=1, hs=0, min_count=1, sample=0, sg=0, workers=1, seed=1, cbow_mean=1)
m.build_vocab([["a", "b", "c"]])
ix = m.wv.key_to_index
m.wv.vectors[:] = 0
m.syn1neg[:] = 0
m.wv.vectors[ix["b"]] = [1, 0, 0, 0]
m.wv.vectors[ix["a"]] = [10, 0, 0, 0]
m.syn1neg[ix["a"]] = [5.9, 0, 0, 0]
m.syn1neg[ix["b"]] = [7, 0, 0, 0]
m.syn1neg[ix["c"]] = [7, 0, 0, 0]
train_batch_cbow(m, [["a", "b"]], 1.0, np.zeros(4, dtype=np.float32), np.zeros(4, dtype=np.float32), False)
g = float(m.syn1neg[ix["a"]][0] - np.float32(5.9))


def one_minus_table(k):
    e = np.float32(math.exp((k / 1000 * 2 - 1) * 6))
    return 1 - float(np.float32(e / (e + 1)))


expect = {str(f): one_minus_table(int((np.float32(5.9) + 6) * f)) for f in (83, 1000 / 6 / 2)}
factor = min(expect, key=lambda f: abs(expect[f] - g))
out["sigmoid"] = {"g": g, "expected_g_by_factor": expect, "factor": factor}

# 2. Initial input rows.
words = [str(i) for i in range(2000)]
m1 = Word2Vec(vector_size=100, min_count=1, seed=1)
m1.build_vocab([words])
m2 = Word2Vec(vector_size=100, min_count=1, seed=1)
m2.build_vocab([words[:1000][::-1] + ["x"]])
v = m1.wv.vectors
out["init"] = {"min_times_dim": float(v.min() * 100), "max_times_dim": float(v.max() * 100),
               "row_depends_on_vocabulary": not np.allclose(m1.wv["5"], m2.wv["5"]),
               "syn1neg_max_abs": float(abs(m1.syn1neg).max())}

# 3. Learning-rate schedules (gensim's _job_producer and _get_next_alpha, alpha 0.025 -> 1e-4, 5 epochs).
if len(sys.argv) > 1:
    with open(sys.argv[1], encoding="utf8") as f:
        lens = [len(line.split()) for line in f if line.strip()]
    total_words, total_sentences, epochs, a0, a1 = sum(lens), len(lens), 5, 0.025, 1e-4

    def rates(by):
        per_word = []
        for e in range(epochs):
            size, pushed_words, pushed_sentences, job = 0, 0, 0, []
            nxt = a0 - (a0 - a1) * e / epochs
            for n in lens:
                if size + n <= 10000:
                    job.append(n)
                    size += n
                    continue
                per_word.append((nxt, sum(job)))
                pushed_sentences += len(job)
                pushed_words += sum(job)
                p = pushed_sentences / total_sentences if by == "sentences" else pushed_words / total_words
                nxt = max(a1, a0 - (a0 - a1) * (e + p) / epochs)
                job, size = [n], n
            per_word.append((nxt, sum(job)))
        a = np.repeat([r for r, _ in per_word], [n for _, n in per_word])
        return {"mean": float(a.mean()), "per_epoch": [float(x) for x in a.reshape(epochs, total_words).mean(1)]}

    out["schedule"] = {"sentences": total_sentences, "words": total_words, "by_sentences": rates("sentences"), "by_words": rates("words")}
print(json.dumps(out))
