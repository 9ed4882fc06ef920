"""Cases for `pad_collate`: a DataLoader collate_fn that right-pads token sequences.

Truth: torch.nn.utils.rnn.pad_sequence(batch_first=True, padding_value=pad_id) for the ids,
the lengths for the mask. Integer outputs are compared exactly, dtype included.

params: lengths (list, one per example), pad_id (absent = default 0), vocab (token ids are
        drawn from [0, vocab)), pad_inside (some real tokens equal pad_id), sliced (token
        tensors are strided views)
"""

import random

import torch
from torch.nn.utils.rnn import pad_sequence

KEYS = ("input_ids", "attention_mask", "lengths", "labels")


def random_params(rng: random.Random, index: int) -> dict:
    B = rng.randint(1, 8)
    params = {
        "lengths": [rng.randint(1, 12) for _ in range(B)],
        "vocab": rng.choice((5, 50, 1000)),
        "pad_inside": rng.random() < 0.4,
        "sliced": rng.random() < 0.3,
    }
    if index % 3:
        params["pad_id"] = rng.choice((0, 1, 2, 99))
    return params


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    lengths = [int(n) for n in params["lengths"]]
    pad_id = int(params.get("pad_id", 0))
    vocab = int(params.get("vocab", 50))
    batch = []
    for n in lengths:
        ids = torch.randint(0, vocab, (2 * n if params.get("sliced") else n,), generator=gen)
        if params.get("sliced"):
            ids = ids[::2]                      # a strided view (stride 2)
        if params.get("pad_inside") and n > 0:
            # A real token that happens to have the pad id (e.g. id 0 is a real token).
            pos = int(torch.randint(0, n, (1,), generator=gen))
            ids[pos] = pad_id
        label = int(torch.randint(0, 5, (1,), generator=gen))
        batch.append((ids.to(device), label))
    kwargs = {} if "pad_id" not in params else {"pad_id": pad_id}
    return {"args": [batch], "kwargs": kwargs}


def call(entry, inputs: dict, ctx):
    out = ctx.call(entry, *inputs["args"], **inputs["kwargs"])
    if not isinstance(out, dict):
        return out                      # compare() reports "expected a dict with keys ..."
    return {k: out[k] for k in KEYS if k in out}


def _collate(batch, pad_id=0):
    ids = [t for t, _ in batch]
    lengths = torch.tensor([len(t) for t in ids], dtype=torch.long)
    input_ids = pad_sequence(ids, batch_first=True, padding_value=pad_id)   # (B, T_max)
    T = input_ids.shape[1]
    mask = (torch.arange(T)[None, :] < lengths[:, None]).long()
    return {"input_ids": input_ids, "attention_mask": mask, "lengths": lengths,
            "labels": torch.tensor([y for _, y in batch], dtype=torch.long)}


def reference_entry():
    return _collate


# ---------------------------------------------------------------------------- suspects

class NotThisCase(Exception):
    pass


def _left(batch, pad_id=0):
    out = _collate(batch, pad_id)
    lengths = out["lengths"]
    if bool((lengths == lengths.max()).all()):
        raise NotThisCase
    T = out["input_ids"].shape[1]
    ids = torch.full_like(out["input_ids"], pad_id)
    mask = torch.zeros_like(out["attention_mask"])
    for i, (t, _) in enumerate(batch):
        if len(t):
            ids[i, T - len(t):] = t
            mask[i, T - len(t):] = 1
    return {**out, "input_ids": ids, "attention_mask": mask}


def _inverted(batch, pad_id=0):
    out = _collate(batch, pad_id)
    return {**out, "attention_mask": 1 - out["attention_mask"]}


def _mask_from_ids(batch, pad_id=0):
    out = _collate(batch, pad_id)
    mask = (out["input_ids"] != pad_id).long()
    if torch.equal(mask, out["attention_mask"]):
        raise NotThisCase
    return {**out, "attention_mask": mask}


SUSPECTS = [
    ("the sequences are LEFT-padded; pad on the right: example i keeps its tokens at "
     "positions 0..len_i − 1 and pad_id after them",
     _left),
    ("the attention mask is inverted: 1 marks a real token, 0 a padding position",
     _inverted),
    ("the mask was computed as input_ids != pad_id, but a real token can have the pad id; "
     "build it from the lengths (position < length)",
     _mask_from_ids),
]
