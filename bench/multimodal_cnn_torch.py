#!/usr/bin/python3
"""PyTorch side of bench/multimodal-cnn.ts: train the same small CNN on the same Fashion-MNIST batches.

Usage: /usr/bin/python3 bench/multimodal_cnn_torch.py IMAGES_IDX_GZ LABELS_IDX_GZ [--steps 10] [--warmup 2]
       [--batch 64] [--threads 2]

CNN as @embedlab/multimodal's ImageEncoder: conv 3x3 (1->16, 'same') -> ReLU -> max-pool 2 -> conv 3x3
(16->32) -> ReLU -> max-pool 2 -> dense 1568->128 -> ReLU -> dense 128->10; softmax cross-entropy; Adam
lr 1e-3. Batches: images [s*B, (s+1)*B) of the file in order, grey levels / 255 (as imageBatch). Prints one
JSON line: per-step wall and CPU ms (all threads) of the timed steps, the losses, torch version, threads.
"""
import argparse
import gzip
import json
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    with gzip.open(path, 'rb') as f:
        data = f.read()
    if data[0] != 0 or data[1] != 0 or data[2] != 8:
        sys.exit(f'{path}: wrong idx magic number')
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * k:8 + 4 * k], 'big') for k in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 16, 3, padding=1)
        self.c2 = nn.Conv2d(16, 32, 3, padding=1)
        self.d = nn.Linear(7 * 7 * 32, 128)
        self.h = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c2(x)), 2)
        return self.h(F.relu(self.d(x.flatten(1))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('images')
    ap.add_argument('labels')
    ap.add_argument('--steps', type=int, default=10)
    ap.add_argument('--warmup', type=int, default=2)
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(7)
    images, labels = read_idx(a.images), read_idx(a.labels)
    model = Cnn()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    wall, cpu, losses = [], [], []
    for s in range(a.warmup + a.steps):
        x = torch.from_numpy(images[s * a.batch:(s + 1) * a.batch].astype(np.float32) / 255).unsqueeze(1)
        y = torch.from_numpy(labels[s * a.batch:(s + 1) * a.batch].astype(np.int64))
        t0, c0 = time.perf_counter(), time.process_time()
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        t1, c1 = time.perf_counter(), time.process_time()
        losses.append(float(loss))
        if s >= a.warmup:
            wall.append((t1 - t0) * 1000)
            cpu.append((c1 - c0) * 1000)
    print(json.dumps({'who': 'pytorch', 'stepMs': wall, 'cpuMs': cpu, 'losses': losses, 'version': torch.__version__, 'threads': torch.get_num_threads()}))


if __name__ == '__main__':
    main()
