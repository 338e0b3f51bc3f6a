"""gensim 4.2 most_similar on a GloVe text file, to check `exp neighbours` / `exp analogy` by hand:
   /usr/bin/python3 bench/neighbours_gensim.py $TMPDIR/embedlab-bench/glove.6B.100d.wink.txt
(the file bench/pretrained-load.ts writes from the embedded default)."""
import sys
from gensim.models import KeyedVectors
kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=False, no_header=True)
for w in ['king', 'frog']:
    print(w, [(x, round(s, 4)) for x, s in kv.most_similar(w, topn=5)])
print('king-man+woman', [(x, round(s, 4)) for x, s in kv.most_similar(positive=['king', 'woman'], negative=['man'], topn=3)])
