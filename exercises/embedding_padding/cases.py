"""Hidden tests for embedding_padding.

One case: construct the module, check its structure and the freshly initialized padding
row, copy in given weights (the padding row of the copy is NOT zero, as after loading a
checkpoint or a pretrained table — PyTorch keeps such a row as it is), run a forward pass
on an index tensor that contains the padding index and repeated indices, backpropagate a
random upstream gradient, and compare outputs and weight.grad with torch.nn.Embedding.
"""

import random

import torch
from torch import nn

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    num, dim = caselib.distinct_sizes(rng, 2, 3, 12)
    rank = rng.choice([0, 1, 2, 2, 3])
    idx_shape = caselib.distinct_sizes(rng, rank, 1, 7) if rank else []
    pad = rng.choice([None, 0, rng.randrange(num), -1, -rng.randint(1, num)])
    return {"num": num, "dim": dim, "idx_shape": idx_shape, "padding_idx": pad,
            "index_dtype": rng.choice(["int64", "int64", "int32"])}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    num, dim = int(params["num"]), int(params["dim"])
    pad = params.get("padding_idx")
    shape = tuple(params.get("idx_shape", [4]))
    idx = torch.randint(0, num, shape, generator=gen)
    if pad is not None and idx.numel() > 1:
        # Make sure the padding index occurs, at a third of the positions.
        hit = torch.rand(shape, generator=gen) < 1 / 3
        hit.view(-1)[0] = True
        idx = torch.where(hit, torch.tensor(pad % num), idx)
    idx = idx.to(dtype=getattr(torch, params.get("index_dtype", "int64")), device=device)
    weight = caselib.randn([num, dim], gen, dtype, device)       # padding row deliberately non-zero
    grad = caselib.randn(list(shape) + [dim], gen, dtype, device)
    return {"num": num, "dim": dim, "padding_idx": pad, "indices": idx, "weight": weight,
            "upstream": grad}


def _padding_row_text(w0, pad):
    if pad is None:
        return "no padding row"
    row = w0[pad]
    if bool((row == 0).all()):
        return "zeros"
    return ("not zero: row padding_idx must be filled with zeros when the module is built "
            "(the rest ~ N(0, 1))")


def call(entry, inputs: dict, ctx):
    num, dim, pad = inputs["num"], inputs["dim"], inputs["padding_idx"]
    kwargs = {} if pad is None else {"padding_idx": pad}
    m = ctx.call(entry, num, dim, **kwargs)
    m = m.to(device=ctx.device, dtype=ctx.dtype)
    names = [n for n, _ in m.named_parameters()]
    out = {
        "parameters": ", ".join(names) or "none",
        "state_dict keys": ", ".join(m.state_dict().keys()) or "none",
    }
    weight = getattr(m, "weight", None)
    if not isinstance(weight, nn.Parameter):
        out["weight"] = f"not an nn.Parameter: {type(weight).__name__}"
        return out
    out["weight"] = f"Parameter of shape {tuple(weight.shape)}"
    norm = getattr(m, "padding_idx", "missing")
    out["padding_idx attribute"] = repr(norm)
    w0 = weight.detach().clone()
    row = None if pad is None else pad % num
    out["init.padding row"] = _padding_row_text(w0, row)
    others = w0 if row is None else torch.cat([w0[:row], w0[row + 1:]])
    out["init.other rows"] = ("random" if others.numel() > 1 and bool(others.std() > 1e-6)
                              else "all equal (zero or constant): draw them from N(0, 1) like nn.Embedding")

    with torch.no_grad():
        weight.copy_(inputs["weight"].to(device=ctx.device, dtype=ctx.dtype))
    y = ctx.call(m, inputs["indices"])
    out["output"] = y.detach().clone() if isinstance(y, torch.Tensor) else f"not a tensor: {type(y).__name__}"
    if isinstance(y, torch.Tensor) and y.requires_grad:
        (y * inputs["upstream"].to(device=ctx.device, dtype=ctx.dtype)).sum().backward()
        out["weight.grad"] = weight.grad.clone() if weight.grad is not None else "None (no gradient reached weight)"
    else:
        out["weight.grad"] = "the output does not require grad: gradients never reach weight"
    return out


def reference_entry():
    return nn.Embedding


# ---------------------------------------------------------------------------------------
# Known mistakes.


class _WrongEmbedding(nn.Module):
    normalize = True
    zero_init = True
    stop_pad_grad = True
    mask_output = False

    def __init__(self, num_embeddings, embedding_dim, padding_idx=None):
        super().__init__()
        if padding_idx is not None and padding_idx < 0 and self.normalize:
            padding_idx += num_embeddings
        self.padding_idx = padding_idx
        self.weight = nn.Parameter(torch.randn(num_embeddings, embedding_dim))
        if padding_idx is not None and self.zero_init:
            with torch.no_grad():
                self.weight[padding_idx].zero_()

    def forward(self, idx):
        out = self.weight[idx]
        if self.padding_idx is None:
            return out
        is_pad = (idx == self.padding_idx)[..., None]
        if self.mask_output:
            return out * (~is_pad).to(out.dtype)
        if self.stop_pad_grad:
            out = torch.where(is_pad, out.detach(), out)
        return out


def _suspect(**switches):
    return type("WrongEmbedding", (_WrongEmbedding,), switches)


def _only_with_pad(cls, negative=False):
    def make(num, dim, padding_idx=None):
        if padding_idx is None or (negative and padding_idx >= 0):
            raise ValueError("does not apply")
        return cls(num, dim, padding_idx)
    return make


SUSPECTS = [
    ("the padding row received gradient: rows looked up with padding_idx must get none "
     "(detach those lookups, or zero that row of the gradient); its value still comes out as it is",
     _only_with_pad(_suspect(stop_pad_grad=False))),
    ("a negative padding_idx was not normalized: padding_idx = −k means row num_embeddings − k "
     "(store padding_idx + num_embeddings), as nn.Embedding does",
     _only_with_pad(_suspect(normalize=False, stop_pad_grad=True), negative=True)),
    ("the output at padding positions was zeroed: nn.Embedding returns weight[padding_idx] "
     "there (zero only as initialized; a loaded row keeps its values) and merely stops its gradient",
     _only_with_pad(_suspect(mask_output=True))),
]
