#!/usr/bin/python3
"""PyTorch side of bench/lm-train.ts: train the same GPT from the same weights on the same windows.

Usage: /usr/bin/python3 bench/lm_train_torch.py DIR [--warmup 1] [--threads 2] [--lr 6e-4]

DIR holds init.safetensors (embedlab's saveCheckpoint; loaded with the model of lm_torch.py) and
batches.safetensors (inputs, targets: [steps, B, T] int32). Each step: forward, cross-entropy, backward,
clip_grad_norm_(1.0), AdamW (betas 0.9/0.95, eps 1e-8, decay 0.1 on nn.Linear weights only), as embedlab's
trainLm. Prints one JSON line: per-step wall and CPU (all threads) ms of the timed steps (after --warmup),
every step's loss, peak RSS,
and which libblas the process mapped (Debian's torch calls whatever libblas.so.3 resolves to; the reference
BLAS is ~3-10x slower than OpenBLAS here, so lm-train.ts points LD_LIBRARY_PATH at OpenBLAS when installed).
"""
import argparse
import json
import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from lm_torch import load_model, read_safetensors  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('dir')
    ap.add_argument('--warmup', type=int, default=1)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--lr', type=float, default=6e-4)
    a = ap.parse_args()
    began = time.perf_counter()
    torch.set_num_threads(a.threads)
    model, cfg, _, _ = load_model(os.path.join(a.dir, 'init.safetensors'))
    batches, _ = read_safetensors(os.path.join(a.dir, 'batches.safetensors'))
    inputs = torch.from_numpy(batches['inputs'].astype('int64'))
    targets = torch.from_numpy(batches['targets'].astype('int64'))
    opt = torch.optim.AdamW(model.param_groups(0.1), lr=a.lr, betas=(0.9, 0.95), eps=1e-8)
    setup = time.perf_counter() - began
    step_ms, cpu_ms, losses = [], [], []
    for s in range(inputs.shape[0]):
        t0, c0 = time.perf_counter(), time.process_time()
        logits = model(inputs[s])
        loss = F.cross_entropy(logits.view(-1, logits.shape[-1]), targets[s].view(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        losses.append(loss.item())
        if s >= a.warmup:
            step_ms.append((time.perf_counter() - t0) * 1000)
            cpu_ms.append((time.process_time() - c0) * 1000)
    with open('/proc/self/maps') as f:
        blas = sorted({line.split()[-1] for line in f if 'blas' in line.split()[-1]})
    print(json.dumps({
        'stepMs': step_ms,
        'cpuMs': cpu_ms,
        'losses': losses,
        'peakRssMiB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        'setupSeconds': setup,
        'version': f'torch {torch.__version__}, {torch.get_num_threads()} threads, {"OpenBLAS" if any("openblas" in b for b in blas) else "reference BLAS" if blas else "BLAS ?"}',
    }))


if __name__ == '__main__':
    main()
