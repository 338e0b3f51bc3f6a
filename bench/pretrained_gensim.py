#!/usr/bin/python3
"""Time gensim loading a GloVe text file, for bench/pretrained-load.ts.

Usage: /usr/bin/python3 bench/pretrained_gensim.py PATH

Runs KeyedVectors.load_word2vec_format(PATH, no_header=True) once and prints one JSON object: seconds
(wall, around that call only), cpuSeconds (user + system of the process around that call), rows, dim, peak
RSS of the process (ru_maxrss), the first three values of 'king' and the float64 sum of the matrix (to
check both readers got the same numbers).
"""
import json
import resource
import sys
import time

from gensim.models import KeyedVectors


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main():
    path = sys.argv[1]
    c0 = cpu()
    t0 = time.perf_counter()
    kv = KeyedVectors.load_word2vec_format(path, no_header=True)
    seconds = time.perf_counter() - t0
    cpu_seconds = cpu() - c0
    import gensim
    print(json.dumps({
        'gensim': gensim.__version__,
        'seconds': seconds,
        'cpuSeconds': cpu_seconds,
        'rows': len(kv.index_to_key),
        'dim': kv.vector_size,
        'peak_rss_mib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        'king': [float(x) for x in kv['king'][:3]],
        'sum': float(kv.vectors.astype('float64').sum()),
    }))


if __name__ == '__main__':
    main()
