#!/usr/bin/python3
"""PyTorch reference for @embedlab/transformer, driven by bench/lm-parity.ts (and imported by
bench/lm_train_torch.py for the model).

Usage: /usr/bin/python3 bench/lm_torch.py ROOT

ROOT holds one folder per case with before.safetensors, batch.safetensors and after.safetensors (see
lm-parity.ts). For each case: build the nanoGPT-style model from the checkpoint's config, load the weights
with load_state_dict(strict=True), compute logits and loss of the batch, one AdamW step after
clip_grad_norm_ (decay on every nn.Linear weight, none on wte, wpe, LayerNorm, biases), and print one JSON
line of max abs differences against embedlab's files; the same again in float64 as a third opinion.

Needs torch >= 1.12 (GELU approximate='tanh'); Debian's python3-torch 1.13 works. No safetensors package:
the reader is below.
"""
import copy
import json
import math
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

_DTYPES = {'F32': '<f4', 'I32': '<i4', 'I64': '<i8', 'F64': '<f8'}

# A deliberate error in the reference, to show the comparison can see it (lm-parity.ts --self-test):
# rope-interleaved (GPT-J pairs (2j, 2j+1) instead of NeoX (j, j+d/2)), sinusoid-concat ([sin | cos] instead
# of interleaved), no-mask (bidirectional), gelu-erf (exact GELU), decay-all (AdamW decay on every tensor),
# no-clip.
MUTATE = os.environ.get('LM_TORCH_MUTATE', '')


def read_safetensors(path):
    """-> (dict name -> np.ndarray, metadata dict). u64 LE header length, JSON header, packed LE bytes."""
    with open(path, 'rb') as f:
        raw = f.read()
    (n,) = struct.unpack('<Q', raw[:8])
    header = json.loads(raw[8:8 + n].decode('utf-8'))
    meta = header.pop('__metadata__', {}) or {}
    data = memoryview(raw)[8 + n:]
    out = {}
    for name, e in header.items():
        begin, end = e['data_offsets']
        arr = np.frombuffer(data[begin:end], dtype=_DTYPES[e['dtype']]).reshape(e['shape'])
        out[name] = arr.copy()
    return out, meta


# ---------------------------------------------------------------- the model (nanoGPT, pre-LN) ----

def sinusoid_table(length, dim, base):
    """Interleaved: PE(p, 2i) = sin(p / base^(2i/d)), PE(p, 2i+1) = cos(...); float64 math."""
    pe = np.zeros((length, dim), dtype=np.float64)
    for p in range(length):
        for i in range(dim // 2):
            a = p / math.pow(base, (2 * i) / dim)
            if MUTATE == 'sinusoid-concat':
                pe[p, i], pe[p, dim // 2 + i] = math.sin(a), math.cos(a)
            else:
                pe[p, 2 * i] = math.sin(a)
                pe[p, 2 * i + 1] = math.cos(a)
    return torch.from_numpy(pe.astype(np.float32))


def rope_tables(length, hd, base):
    """GPT-NeoX half split: cos/sin [T, hd] = cat(freqs, freqs), angle p * base^(-2j/hd)."""
    half = hd // 2
    ang = np.array([[p * math.pow(base, (-2 * j) / hd) for j in range(half)] for p in range(length)], dtype=np.float64)
    ang = np.concatenate([ang, ang], axis=1)
    return torch.from_numpy(np.cos(ang).astype(np.float32)), torch.from_numpy(np.sin(ang).astype(np.float32))


def rotate_half(x):
    if MUTATE == 'rope-interleaved':  # GPT-J: pairs (2j, 2j+1), with NeoX's cos/sin layout left as is
        x1, x2 = x[..., 0::2], x[..., 1::2]
        return torch.stack([-x2, x1], dim=-1).flatten(-2)
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat([-x2, x1], dim=-1)


class CausalSelfAttention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        C = cfg['dModel']
        self.n_head, self.n_embd, self.causal = cfg['nHeads'], C, cfg['causal'] and MUTATE != 'no-mask'
        self.c_attn = nn.Linear(C, 3 * C)
        self.c_proj = nn.Linear(C, C)

    def forward(self, x, rope):
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)
        hd = C // self.n_head
        q = q.view(B, T, self.n_head, hd).transpose(1, 2)
        k = k.view(B, T, self.n_head, hd).transpose(1, 2)
        v = v.view(B, T, self.n_head, hd).transpose(1, 2)
        if rope is not None:
            cos, sin = rope[0][:T], rope[1][:T]
            q = q * cos + rotate_half(q) * sin
            k = k * cos + rotate_half(k) * sin
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(hd))
        if self.causal:
            mask = torch.tril(torch.ones(T, T, dtype=torch.bool))
            att = att.masked_fill(~mask, float('-inf'))
        att = F.softmax(att, dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)
        return self.c_proj(y)


class MLP(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        C, r = cfg['dModel'], cfg['mlpRatio']
        self.c_fc = nn.Linear(C, r * C)
        self.gelu = nn.GELU() if MUTATE == 'gelu-erf' else nn.GELU(approximate='tanh')
        self.c_proj = nn.Linear(r * C, C)

    def forward(self, x):
        return self.c_proj(self.gelu(self.c_fc(x)))


class Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        C, eps = cfg['dModel'], cfg['layerNormEps']
        self.ln_1 = nn.LayerNorm(C, eps=eps)
        self.attn = CausalSelfAttention(cfg)
        self.ln_2 = nn.LayerNorm(C, eps=eps)
        self.mlp = MLP(cfg)

    def forward(self, x, rope):
        x = x + self.attn(self.ln_1(x), rope)
        return x + self.mlp(self.ln_2(x))


class GPT(nn.Module):
    """embedlab's GptConfig (resolved, as stored in the checkpoint metadata); dropout must be 0. Also BERT's
    head (headTransform: mlm_head.dense -> GELU -> mlm_head.ln; outputBias: lm_bias), when the config has it."""

    def __init__(self, cfg):
        super().__init__()
        assert cfg.get('dropout', 0) == 0, 'the reference has no dropout'
        self.cfg = cfg
        V, T, C, E = cfg['vocabSize'], cfg['context'], cfg['dModel'], cfg['embeddingDim']
        parts = dict(wte=nn.Embedding(V, E))
        if E != C:
            parts['wte_proj'] = nn.Linear(E, C, bias=False)
        if cfg['positions'] == 'learned':
            parts['wpe'] = nn.Embedding(T, C)
        parts['h'] = nn.ModuleList([Block(cfg) for _ in range(cfg['nLayers'])])
        parts['ln_f'] = nn.LayerNorm(C, eps=cfg['layerNormEps'])
        if cfg.get('headTransform'):  # BERT's MLM head transform: dense -> GELU -> LayerNorm
            parts['mlm_head'] = nn.ModuleDict(dict(dense=nn.Linear(C, C), ln=nn.LayerNorm(C, eps=cfg['layerNormEps'])))
        self.transformer = nn.ModuleDict(parts)
        if cfg.get('outputBias'):  # BERT's output bias, stored as transformer.lm_bias
            self.transformer.register_parameter('lm_bias', nn.Parameter(torch.zeros(V)))
        self.lm_head = None if cfg['tie'] else nn.Linear(C, V, bias=False)
        if cfg['positions'] == 'sinusoidal':
            self.register_buffer('sinusoid', sinusoid_table(T, C, cfg['ropeBase']), persistent=False)
        self.rope = None
        if cfg['positions'] == 'rope':
            cos, sin = rope_tables(T, C // cfg['nHeads'], cfg['ropeBase'])
            self.register_buffer('rope_cos', cos, persistent=False)
            self.register_buffer('rope_sin', sin, persistent=False)

    def forward(self, idx):
        B, T = idx.shape
        tr = self.transformer
        x = tr.wte(idx)
        if 'wte_proj' in tr:
            x = tr.wte_proj(x)
        if 'wpe' in tr:
            x = x + tr.wpe.weight[:T]
        elif self.cfg['positions'] == 'sinusoidal':
            x = x + self.sinusoid[:T]
        rope = (self.rope_cos, self.rope_sin) if self.cfg['positions'] == 'rope' else None
        for block in tr.h:
            x = block(x, rope)
        x = tr.ln_f(x)
        if 'mlm_head' in tr:
            x = tr.mlm_head.ln(F.gelu(tr.mlm_head.dense(x), approximate='none' if MUTATE == 'gelu-erf' else 'tanh'))
        if self.lm_head is not None:
            logits = self.lm_head(x)
        else:
            if 'wte_proj' in tr:
                x = x @ tr.wte_proj.weight  # [.., C] @ [C, E]: through wte_proj^T (torch stores [out=C, in=E])
            logits = x @ tr.wte.weight.t()
        return logits + tr.lm_bias if self.cfg.get('outputBias') else logits

    def param_groups(self, weight_decay):
        """Decay every nn.Linear weight (c_attn, c_proj, c_fc, wte_proj, lm_head); not wte, wpe, norms, biases."""
        decay = {id(m.weight) for m in self.modules() if isinstance(m, nn.Linear)}
        params = list(self.parameters())
        if MUTATE == 'decay-all':
            decay = {id(p) for p in params}
        return [
            {'params': [p for p in params if id(p) in decay], 'weight_decay': weight_decay},
            {'params': [p for p in params if id(p) not in decay], 'weight_decay': 0.0},
        ]


def model_tensors(tensors):
    return {k: v for k, v in tensors.items() if not (k.startswith('embedlab.') or k.startswith('optimizer.'))}


def load_model(path, dtype=torch.float32):
    """GPT from an embedlab checkpoint, loaded with strict=True (every name and shape must match)."""
    tensors, meta = read_safetensors(path)
    cfg = json.loads(meta['config'])
    model = GPT(cfg)
    sd = {k: torch.from_numpy(v) for k, v in model_tensors(tensors).items()}
    model.load_state_dict(sd, strict=True)
    return model.to(dtype), cfg, tensors, meta


# ---------------------------------------------------------------- parity ----

def one_step(model, inputs, targets, meta):
    """Loss, grad norm, then clip_grad_norm_ and one AdamW step, as embedlab's trainLm."""
    logits = model(inputs)
    loss = F.cross_entropy(logits.view(-1, logits.shape[-1]), targets.view(-1), ignore_index=-1)
    model.zero_grad(set_to_none=True)
    loss.backward()
    norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 1e9 if MUTATE == 'no-clip' else float(meta['clip']))
    opt = torch.optim.AdamW(model.param_groups(float(meta['weight_decay'])), lr=float(meta['lr']),
                            betas=(float(meta['beta1']), float(meta['beta2'])), eps=float(meta['eps']))
    opt.step()
    return logits.detach(), float(loss), float(norm)


def run_case(d):
    checks = []
    batch, bmeta = read_safetensors(os.path.join(d, 'batch.safetensors'))
    inputs = torch.from_numpy(batch['inputs'].astype(np.int64))
    targets = torch.from_numpy(batch['targets'].astype(np.int64))
    model, cfg, before, _ = load_model(os.path.join(d, 'before.safetensors'))
    if cfg['tie'] and 'lm_head.weight' in before:
        checks.append('tied checkpoint holds lm_head.weight')
    model64 = copy.deepcopy(model).double()
    logits, loss, norm = one_step(model, inputs, targets, bmeta)
    logits64, _, _ = one_step(model64, inputs, targets, bmeta)
    ts_logits = torch.from_numpy(batch['logits'])
    logits = logits.view(ts_logits.shape)
    logits64 = logits64.view(ts_logits.shape)

    after, ameta = read_safetensors(os.path.join(d, 'after.safetensors'))
    opt_meta = json.loads(ameta.get('optimizer', 'null') or 'null')
    if not opt_meta or opt_meta.get('step') != 1:
        checks.append(f'after.safetensors optimizer metadata {opt_meta!r}, expected step 1')
    linear = {n + '.weight' for n, m in model.named_modules() if isinstance(m, nn.Linear)}
    params = dict(model.named_parameters())
    params64 = dict(model64.named_parameters())
    # Elements whose exact gradient is 0 (float64 |g| <= 1e-12): the key third of c_attn.bias without RoPE
    # (q . b_k is the same for every key of a row, and softmax ignores a constant) and, untied, table rows
    # absent from the batch. For the key bias float32 leaves ~1e-9 of noise, about eps / 10, and the first
    # Adam step lr * g / (|g| + eps) turns it into a move of up to ~lr in a random direction, on both sides
    # alike (float32 torch vs float64 torch shows the same). Those elements are held to |diff| <= 2 lr and
    # reported apart; every other element to the 1e-5.
    lr = float(bmeta['lr'])
    weight_diff, weight_worst, w64, t32_64 = 0.0, '', 0.0, 0.0
    zero_n, zero_diff, zero_where = 0, 0.0, set()
    for name, p in params.items():
        if name not in after:
            checks.append(f'{name} missing from after.safetensors')
            continue
        theirs = torch.from_numpy(after[name]).double()
        diff = (p.detach().double() - theirs).abs()
        zero = params64[name].grad.abs() <= 1e-12
        if bool(zero.any()):
            zero_n += int(zero.sum())
            zd = float(diff[zero].max())
            zero_diff = max(zero_diff, zd)
            if zd > 0:
                zero_where.add(name)
        dd = float(diff[~zero].max()) if bool((~zero).any()) else 0.0
        if dd > weight_diff:
            weight_diff, weight_worst = dd, name
        w64 = max(w64, float((params64[name].detach() - theirs).abs().max()))
        t32_64 = max(t32_64, float((params64[name].detach() - p.detach().double()).abs().max()))
    # gradients (after clipping) from embedlab's first moment m = (1 - beta1) g
    b1 = float(bmeta['beta1'])
    grad_diff, grad_max, grad_worst = 0.0, 0.0, ''
    for name, p in params.items():
        short = name[len('transformer.'):] if name.startswith('transformer.') else name
        key = 'optimizer.table.m' if short == 'wte.weight' else f'optimizer.m.{short}'
        if key not in after:
            checks.append(f'{key} missing from after.safetensors')
            continue
        m = torch.from_numpy(after[key]).double()
        if name in linear:
            m = m.t()  # embedlab keeps moments in its [in, out] layout
        g = p.grad.double()
        dd = float((m / (1 - b1) - g).abs().max())
        grad_max = max(grad_max, float(g.abs().max()))
        if dd > grad_diff:
            grad_diff, grad_worst = dd, name
    if zero_diff > 2 * lr:
        checks.append(f'an element with zero gradient moved {zero_diff:.2e} apart, more than 2 lr (in {sorted(zero_where)})')
    ts_loss = float(bmeta['loss'])
    if abs(float(bmeta['eval_loss']) - ts_loss) > 1e-5:
        checks.append(f"evaluate() loss {bmeta['eval_loss']} != lossAndGradients loss {ts_loss}")
    return {
        'name': bmeta['name'],
        'logit_diff': float((logits.double() - ts_logits.double()).abs().max()),
        'logit_diff_f64': float((logits64 - ts_logits.double()).abs().max()),
        'loss_ts': ts_loss,
        'loss_torch': loss,
        'grad_norm_ts': float(bmeta['grad_norm']),
        'grad_norm_torch': norm,
        'grad_diff': grad_diff,
        'grad_max': grad_max,
        'grad_worst': grad_worst,
        'weight_diff': weight_diff,
        'weight_worst': weight_worst,
        'zero_grad_n': zero_n,
        'zero_grad_diff': zero_diff,
        'zero_grad_where': sorted(zero_where),
        'weight_diff_f64': w64,
        'torch32_vs_f64': t32_64,
        'checks': checks,
    }


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    root = sys.argv[1]
    print(f'torch {torch.__version__}', file=sys.stderr)
    for case in sorted(os.listdir(root)):
        d = os.path.join(root, case)
        try:
            print(json.dumps(run_case(d)), flush=True)
        except Exception as e:  # report the case, keep going
            print(json.dumps({'name': case, 'logit_diff': float('inf'), 'logit_diff_f64': float('inf'), 'loss_ts': float('nan'),
                              'loss_torch': float('nan'), 'grad_norm_ts': float('nan'), 'grad_norm_torch': float('nan'),
                              'grad_diff': float('inf'), 'grad_max': 0.0, 'grad_worst': '', 'weight_diff': float('inf'),
                              'weight_worst': '', 'zero_grad_n': 0, 'zero_grad_diff': 0.0, 'zero_grad_where': [], 'weight_diff_f64': float('inf'), 'torch32_vs_f64': float('inf'),
                              'checks': [f'{type(e).__name__}: {e}']}).replace('Infinity', '1e999').replace('NaN', '0'), flush=True)


if __name__ == '__main__':
    main()
