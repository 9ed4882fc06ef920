"""Hidden tests for bert_embeddings.

One case: build the module, check that the five fixed parameter names exist with the right
shapes, copy given weights into them, run one forward (eval mode for exact comparison, or
train mode with p = 0), backpropagate a random upstream gradient and compare the output and
every weight gradient with a float64 reference assembled from nn.Embedding / nn.LayerNorm.
A "dropout" case runs train mode with p > 0 and checks only the share of zeros.
"""

import math
import random

import torch
from torch import nn

from dlquiz import caselib

PARAMS = {
    "word_embeddings.weight": ("vocab", "hidden"),
    "position_embeddings.weight": ("max_pos", "hidden"),
    "token_type_embeddings.weight": ("type_vocab", "hidden"),
    "LayerNorm.weight": ("hidden",),
    "LayerNorm.bias": ("hidden",),
}


def random_params(rng: random.Random, index: int) -> dict:
    b, t = caselib.distinct_sizes(rng, 2, 2, 12)
    # LayerNorm over very few features is ill-conditioned (H = 2 leaves only ±1 outputs and
    # gradients that are pure cancellation), so H stays at 5 or more, distinct from B and T.
    hidden = rng.choice([h for h in range(5, 17) if h not in (b, t)])
    max_pos = t + rng.choice([0, 1, 5])
    return {"b": b, "t": t, "hidden": hidden, "vocab": rng.choice([13, 30, 50]),
            "max_pos": max_pos, "type_vocab": rng.choice([2, 2, 3]),
            "eps": rng.choice([1e-12, 1e-12, 1e-5]),
            "std": rng.choice([0.02, 0.02, 1.0]),
            "token_types": rng.choice(["default", "given"]),
            "positions": rng.choice(["default", "default", "given_1t", "given_bt"]),
            "mode": "eval"}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    sizes = {k: int(params[k]) for k in ("vocab", "hidden", "max_pos", "type_vocab")}
    b, t = int(params["b"]), int(params["t"])
    std = float(params.get("std", 0.02))
    weights = {}
    for name, dims in PARAMS.items():
        shape = [sizes[d] for d in dims]
        if name == "LayerNorm.weight":
            weights[name] = caselib.randn(shape, gen, dtype, device, scale=0.3, shift=1.0)
        elif name == "LayerNorm.bias":
            weights[name] = caselib.randn(shape, gen, dtype, device, scale=0.3)
        else:
            weights[name] = caselib.randn(shape, gen, dtype, device, scale=std)
    ids = torch.randint(0, sizes["vocab"], (b, t), generator=gen).to(device)
    kwargs = {}
    if params.get("token_types", "default") == "given":
        kwargs["token_type_ids"] = torch.randint(0, sizes["type_vocab"], (b, t), generator=gen).to(device)
    positions = params.get("positions", "default")
    if positions != "default":
        # Shifted positions (as for a second chunk of a long text), within the table.
        start = torch.randint(0, sizes["max_pos"] - t + 1, (1 if positions == "given_1t" else b, 1),
                              generator=gen)
        kwargs["position_ids"] = (start + torch.arange(t)).to(device)
    # The upstream gradient is scaled by the embedding std: the LayerNorm gradient grows
    # like 1 / std, and this keeps the weight gradients of order one.
    grad = caselib.randn([b, t, sizes["hidden"]], gen, dtype, device, scale=std)
    return {"input_ids": ids, "forward_kwargs": kwargs, "mode": params.get("mode", "eval"),
            "eps": float(params.get("eps", 1e-12)), "p": float(params.get("p", 0.1)),
            "upstream": grad, "sizes": sizes, "weights": weights}


def _zero_text(y, p):
    n = y.numel()
    zeros = int((y == 0).sum())
    sigma = math.sqrt(n * p * (1 - p))
    if abs(zeros - n * p) <= 6 * sigma:
        return "a share p of zeros (within 6σ)"
    text = f"{zeros / n:.3f} of the outputs are 0; dropout with p = {p} should zero about {p}"
    if zeros == 0:
        text += " (no dropout after the LayerNorm in training mode?)"
    return text


def call(entry, inputs: dict, ctx):
    s = inputs["sizes"]
    m = ctx.call(entry, s["vocab"], s["hidden"], s["max_pos"], s["type_vocab"],
                 layer_norm_eps=inputs["eps"], hidden_dropout_prob=inputs["p"])
    m = m.to(device=ctx.device, dtype=ctx.dtype)
    params = dict(m.named_parameters())
    missing = [k for k in PARAMS if k not in params]
    out = {"parameters": "all five present" if not missing else
           f"missing {', '.join(missing)}: use the submodule names word_embeddings, "
           f"position_embeddings, token_type_embeddings and LayerNorm"}
    if missing:
        return out
    for name, dims in PARAMS.items():
        out[f"{name} shape"] = str(tuple(s[d] for d in dims)) if tuple(params[name].shape) == tuple(
            s[d] for d in dims) else f"{tuple(params[name].shape)}, expected {tuple(s[d] for d in dims)}"
    with torch.no_grad():
        for name in PARAMS:
            params[name].copy_(inputs["weights"][name].to(device=ctx.device, dtype=ctx.dtype))
    m.train(inputs["mode"] != "eval")
    y = ctx.call(m, inputs["input_ids"], **inputs["forward_kwargs"])
    if inputs["mode"] == "dropout":
        out["train.dropout"] = _zero_text(y.detach(), inputs["p"])
        return out
    out["output"] = y.detach().clone()
    (y * inputs["upstream"].to(device=ctx.device, dtype=ctx.dtype)).sum().backward()
    for name in PARAMS:
        grad = params[name].grad
        out[f"grad {name}"] = grad.clone() if grad is not None else "None (no gradient reached it)"
    return out


class _ReferenceBertEmbeddings(nn.Module):
    """Token + segment + position embeddings, LayerNorm, dropout — from torch.nn parts."""

    def __init__(self, vocab_size, hidden_size, max_position_embeddings=512, type_vocab_size=2,
                 layer_norm_eps=1e-12, hidden_dropout_prob=0.1):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab_size, hidden_size)
        self.position_embeddings = nn.Embedding(max_position_embeddings, hidden_size)
        self.token_type_embeddings = nn.Embedding(type_vocab_size, hidden_size)
        self.LayerNorm = nn.LayerNorm(hidden_size, eps=layer_norm_eps)
        self.dropout = nn.Dropout(hidden_dropout_prob)

    def forward(self, input_ids, token_type_ids=None, position_ids=None):
        t = input_ids.shape[1]
        if position_ids is None:
            position_ids = torch.arange(t, device=input_ids.device).unsqueeze(0)
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        e = (self.word_embeddings(input_ids) + self.token_type_embeddings(token_type_ids)
             + self.position_embeddings(position_ids))
        return self.dropout(self.LayerNorm(e))


def reference_entry():
    return _ReferenceBertEmbeddings


# ---------------------------------------------------------------------------------------
# Known mistakes: the reference with one switch turned on.


class _Wrong(_ReferenceBertEmbeddings):
    no_position = False
    norm_first = False
    positions_from_one = False
    segment_default_one = False
    default_eps = False
    ignore_position_ids = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.default_eps:
            if self.LayerNorm.eps == 1e-5:
                raise ValueError("eps is the default in this case")
            self.LayerNorm.eps = 1e-5

    def forward(self, input_ids, token_type_ids=None, position_ids=None):
        t = input_ids.shape[1]
        if self.ignore_position_ids:
            if position_ids is None:
                raise ValueError("no position_ids given")
            position_ids = None
        if position_ids is None:
            start = 1 if self.positions_from_one else 0
            position_ids = torch.arange(start, start + t, device=input_ids.device).unsqueeze(0)
        elif self.positions_from_one:
            raise ValueError("positions given")
        if token_type_ids is None:
            token_type_ids = (torch.ones_like if self.segment_default_one else torch.zeros_like)(input_ids)
        elif self.segment_default_one:
            raise ValueError("token types given")
        word = self.word_embeddings(input_ids)
        if self.norm_first:
            word = self.LayerNorm(word)
        e = word + self.token_type_embeddings(token_type_ids)
        if not self.no_position:
            e = e + self.position_embeddings(position_ids)
        return self.dropout(e if self.norm_first else self.LayerNorm(e))


def _suspect(**switch):
    return type("WrongBertEmbeddings", (_Wrong,), switch)


SUSPECTS = [
    ("the position embeddings are missing: the sum is word + token_type + position embeddings",
     _suspect(no_position=True)),
    ("LayerNorm was applied before the sum: BERT normalizes the SUM of the three embeddings, "
     "then applies dropout",
     _suspect(norm_first=True)),
    ("the default positions start at 1: position_ids defaults to arange(T) = 0, 1, …, T − 1",
     _suspect(positions_from_one=True)),
    ("the default token_type_ids are ones: without segment ids every token belongs to "
     "segment 0 (zeros)",
     _suspect(segment_default_one=True)),
    ("the LayerNorm uses eps = 1e-5 (nn.LayerNorm's default) instead of layer_norm_eps; with "
     "BERT-sized embeddings (std 0.02) that changes the output visibly",
     _suspect(default_eps=True)),
    ("the position_ids argument was ignored: when it is given, look those positions up instead "
     "of arange(T)",
     _suspect(ignore_position_ids=True)),
]
