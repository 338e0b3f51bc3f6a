"""gensim side of bench/trainers-bench.ts: train Word2Vec on a pre-tokenized corpus (one sentence per line,
space-separated, <= 10000 tokens, only words that reach min_count) and report speed; optionally score the
vectors with gensim's own evaluators as a cross-check of the bench's JS scorer.

  /usr/bin/python3 bench/trainers_gensim.py CORPUS.txt --sg 1 --out vectors.txt [--workers 2] [--eval-dir DATA]
      [--decay sentences|words]

--decay: what gensim's learning-rate progress counts. `sentences` (default) is train(total_examples=corpus_count),
the call Word2Vec(sentences=...) makes: alpha per job of <= 10,000 words follows the share of sentences pushed.
`words` is train(total_words=...): the share of words, as word2vec.c and our trainer's default.

Prints one JSON line: seconds (train only), effective/raw words, words/s, version, and (with --eval-dir)
gensim's analogy accuracy at restrict 30000 and WS353 / SimLex-999 Spearman.
"""
import argparse
import json
import os
import time

import gensim
from gensim.models import Word2Vec

p = argparse.ArgumentParser()
p.add_argument("corpus")
p.add_argument("--sg", type=int, default=1)
p.add_argument("--out", required=True)
p.add_argument("--workers", type=int, default=2)
p.add_argument("--epochs", type=int, default=5)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--eval-dir", default=None)
p.add_argument("--decay", choices=["sentences", "words"], default="sentences")
a = p.parse_args()

with open(a.corpus, encoding="utf8") as f:
    sentences = [line.split() for line in f]  # in memory, so reading is not part of the timing

model = Word2Vec(vector_size=100, window=5, negative=5, hs=0, min_count=5, sample=1e-3, sg=a.sg, workers=a.workers,
                 seed=a.seed, epochs=a.epochs, alpha=0.025, min_alpha=1e-4, cbow_mean=1)
model.build_vocab(sentences)
t0, c0 = time.perf_counter(), time.process_time()
if a.decay == "sentences":
    effective, raw = model.train(sentences, total_examples=model.corpus_count, epochs=a.epochs)
else:
    effective, raw = model.train(sentences, total_words=model.corpus_total_words, epochs=a.epochs)
seconds = time.perf_counter() - t0
cpu_seconds = time.process_time() - c0  # all threads of this process
model.wv.save_word2vec_format(a.out)
out = {
    "gensim": gensim.__version__, "sg": a.sg, "decay": a.decay, "workers": a.workers, "vocab": len(model.wv), "seconds": seconds, "cpu_seconds": cpu_seconds,
    "effective_words": effective, "raw_words": raw, "effective_words_per_s": effective / seconds, "raw_words_per_s": raw / seconds,
}
if a.eval_dir:
    d = a.eval_dir
    score, _ = model.wv.evaluate_word_analogies(os.path.join(d, "google-analogy/questions-words.txt"), restrict_vocab=30000)
    out["gensim_eval_analogy"] = score
    import csv, tempfile
    # gensim's evaluate_word_pairs wants "w1<TAB>w2<TAB>score" with '#' comments; write both sets that way.
    for name, path, cols, skip in [("ws353", "ws353/combined.tab", (0, 1, 2), 1), ("simlex", "simlex-999/SimLex-999.txt", (0, 1, 3), 1)]:
        with open(os.path.join(d, path), encoding="utf8") as f:
            rows = [line.rstrip("\r\n").split("\t") for line in f][skip:]
        with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as t:
            for r in rows:
                t.write(f"{r[cols[0]]}\t{r[cols[1]]}\t{r[cols[2]]}\n")
        pearson, spearman, oov = model.wv.evaluate_word_pairs(t.name, restrict_vocab=300000)
        os.unlink(t.name)
        out[f"gensim_eval_{name}"] = spearman.correlation if hasattr(spearman, "correlation") else spearman[0]
        out[f"gensim_eval_{name}_oov"] = oov
print(json.dumps(out))
