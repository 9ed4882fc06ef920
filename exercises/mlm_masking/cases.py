"""Hidden cases for mlm_masking (BERT's 80/10/10 masked-language-model corruption).

All randomness is the `rand` input, so the result is exact. The truth is the rule of the
prompt written with torch.where (reference_entry), independently of solutions/mlm_masking.py.
"""

import random

import torch

from dlquiz import caselib

IGNORE = -100
CLS, SEP, PAD = 1, 2, 0


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.choice([1, 2, 2, 2, 3])
    shape = caselib.distinct_sizes(rng, rank, 3, 24) if rank < 3 else caselib.distinct_sizes(rng, 3, 2, 9)
    return {"shape": shape, "vocab": rng.choice([30, 50, 101, 1000]),
            "mask_prob": rng.choice([None, None, 0.15, 0.3, 0.5, 0.8])}


def _away(u: torch.Tensor, edges) -> torch.Tensor:
    """Uniforms moved at least 1e-3 away from each threshold, so float32 and float64 agree."""
    for e in edges:
        near = (u - e).abs() < 1e-3
        u = torch.where(near, torch.full_like(u, e + 2e-3), u)
    return u


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = tuple(params["shape"])
    vocab = int(params["vocab"])
    mask_prob = params.get("mask_prob")
    mask_id = vocab - 1 if params.get("mask_id") is None else int(params["mask_id"])
    ids = torch.randint(5, vocab - 1, shape, generator=gen)
    special = torch.zeros(shape, dtype=torch.bool)
    if len(shape) >= 1 and shape[-1] >= 3:
        # [CLS] ... [SEP] then [PAD]s: every sequence of the last dim has its own length.
        t = shape[-1]
        lengths = torch.randint(2, t + 1, shape[:-1], generator=gen)
        pos = torch.arange(t)
        ids = torch.where(pos == 0, torch.tensor(CLS), ids)
        ids = torch.where(pos == (lengths[..., None] - 1), torch.tensor(SEP), ids)
        ids = torch.where(pos >= lengths[..., None], torch.tensor(PAD), ids)
        special = (pos == 0) | (pos >= lengths[..., None] - 1)
    if params.get("all_special"):
        special = torch.ones(shape, dtype=torch.bool)
    u = torch.rand((3,) + shape, generator=gen, dtype=torch.float64)
    thr = 0.15 if mask_prob is None else float(mask_prob)
    u0 = _away(u[0], [thr])
    u1 = _away(u[1], [0.8, 0.9])
    # rand[2] · vocab_size kept away from integers, so its floor is the same in any precision.
    k = torch.floor(u[2] * vocab)
    frac = 0.05 + 0.9 * (u[2] * vocab - k)
    u2 = ((k + frac) / vocab).clamp(max=1 - 1e-6)
    rand = torch.stack([u0, u1, u2]).to(dtype=dtype, device=device)
    kwargs = {} if mask_prob is None else {"mask_prob": float(mask_prob)}
    return {"args": [ids.to(device), rand, vocab, mask_id, special.to(device)], "kwargs": kwargs}


RESULT = "a tuple (masked_ids, labels)"


def call(entry, inputs: dict, ctx):
    out = ctx.call(entry, *inputs["args"], **inputs["kwargs"])
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        what = f"a {type(out).__name__}" + (f" of {len(out)}" if isinstance(out, (tuple, list)) else "")
        return {"returns": f"{what}, not {RESULT}"}
    return {"returns": RESULT, "masked_ids": out[0], "labels": out[1]}


def _rule(input_ids, rand, vocab_size, mask_token_id, special_mask, mask_prob=0.15, *,
          respect_special=True, label_fill=IGNORE, label_everywhere=False, label_from_masked=False,
          swap_80_10=False, vocab_for_random=None):
    selected = rand[0] < mask_prob
    if respect_special:
        selected = selected & ~special_mask
    v = vocab_size if vocab_for_random is None else vocab_for_random
    random_ids = torch.floor(rand[2] * v).to(input_ids.dtype)
    to_mask = selected & (rand[1] < 0.8)
    to_random = selected & (rand[1] >= 0.8) & (rand[1] < 0.9)
    if swap_80_10:
        to_mask, to_random = selected & (rand[1] >= 0.8) & (rand[1] < 0.9), selected & (rand[1] < 0.8)
    masked = torch.where(to_mask, torch.full_like(input_ids, mask_token_id), input_ids)
    masked = torch.where(to_random, random_ids, masked)
    source = masked if label_from_masked else input_ids
    if label_everywhere:
        labels = source.clone()
    else:
        labels = torch.where(selected, source, torch.full_like(input_ids, label_fill))
    return masked, labels


def reference_entry():
    return _rule


def _variant(**switch):
    def fn(input_ids, rand, vocab_size, mask_token_id, special_mask, mask_prob=0.15):
        if "respect_special" in switch and not bool(special_mask.any()):
            raise ValueError("no special tokens in this case")
        return _rule(input_ids, rand, vocab_size, mask_token_id, special_mask, mask_prob, **switch)
    return fn


def _off_by_one(input_ids, rand, vocab_size, mask_token_id, special_mask, mask_prob=0.15):
    return _rule(input_ids, rand, vocab_size, mask_token_id, special_mask, mask_prob,
                 vocab_for_random=vocab_size - 1)


SUSPECTS = [
    ("labels use 0 for positions that are not predicted; the loss ignores -100 "
     "(F.cross_entropy's ignore_index), while 0 is a real token id the model would be trained to predict",
     _variant(label_fill=0)),
    ("special tokens were masked too: positions where special_mask is True ([CLS], [SEP], [PAD]) "
     "are never selected",
     _variant(respect_special=False)),
    ("the 80 % and 10 % branches are swapped: rand[1] < 0.8 → [MASK], 0.8 ≤ rand[1] < 0.9 → random "
     "token, the rest unchanged",
     _variant(swap_80_10=True)),
    ("labels were set at every position: only the selected positions (rand[0] < mask_prob and not "
     "special) carry their original id; all others are -100",
     _variant(label_everywhere=True)),
    ("labels hold the corrupted ids: the label is the ORIGINAL token at each selected position "
     "(the model must recover it from [MASK] or a random token)",
     _variant(label_from_masked=True)),
    ("the random token is floor(rand[2] · (vocab_size − 1)); the rule is floor(rand[2] · vocab_size)",
     _off_by_one),
]
