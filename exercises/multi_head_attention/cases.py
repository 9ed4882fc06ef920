"""Cases for `multi_head_attention`: a batch_first multi-head attention module checked
against torch.nn.MultiheadAttention with the same weights.

One case: draw the four projections, build the learner's module, copy the weights into
q_proj / k_proj / v_proj / out_proj (nn.Linear), put it in eval mode and call forward once.
The truth is nn.MultiheadAttention(E, H, bias, batch_first=True) with in_proj_weight =
cat(Wq, Wk, Wv), run on the float64 inputs.

params:
  B, L, S, H, D:  batch, queries, keys, heads, head width (E = H·D)
  self_attn:      query, key and value are one and the same tensor (then S = L)
  bias:           the projections have biases (default true)
  kpm:            pass a key_padding_mask (B, S), True = padding
  mask:           none | bool | float: attn_mask, (L, S) or with mask_3d (B·H, L, S)
  need_weights:   also compare the head-averaged weights (B, L, S)
  layout:         layout of query / key / value (caselib.LAYOUTS)
"""

import math
import random
import warnings

import torch
from torch import nn

from dlquiz import caselib

PROJ = ("q_proj", "k_proj", "v_proj", "out_proj")


# ---------------------------------------------------------------------------- random cases

def random_params(rng: random.Random, index: int) -> dict:
    B, L, S, H, D = caselib.distinct_sizes(rng, 5, lo=2, hi=7)
    self_attn = index % 3 == 0
    mask = ("none", "bool", "float")[index % 3] if index < 6 else rng.choice(("none", "bool", "float"))
    return {
        "B": B, "L": L, "S": L if self_attn else S, "H": H, "D": D,
        "self_attn": self_attn,
        "bias": rng.random() < 0.8,
        "kpm": rng.random() < 0.5,
        "mask": mask,
        "mask_3d": mask != "none" and rng.random() < 0.4,
        "need_weights": rng.random() < 0.4,
        "layout": rng.choice(("contiguous", "contiguous", "transposed", "sliced")),
        "dtype": "float32" if index % 2 == 0 else "float64",
    }


# ---------------------------------------------------------------------------- building

def _pick(shape, gen):
    """Random indices along the last dim: two different ones per row (argsort of noise)."""
    return torch.rand(tuple(shape), generator=gen, dtype=torch.float64).argsort(dim=-1)


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    B, L, H, D = (int(params[k]) for k in ("B", "L", "H", "D"))
    self_attn = bool(params.get("self_attn", False))
    S = L if self_attn else int(params["S"])
    E = H * D
    bias = bool(params.get("bias", True))
    lay = params.get("layout", "contiguous")

    x_q = caselib.randn([B, L, E], gen, dtype, device)
    if self_attn:
        query = caselib.layout(x_q, lay, gen)
        key = value = query
    else:
        query = caselib.layout(x_q, lay, gen)
        key = caselib.layout(caselib.randn([B, S, E], gen, dtype, device), lay, gen)
        value = caselib.layout(caselib.randn([B, S, E], gen, dtype, device), lay, gen)

    # Weights of unit gain: each projected entry has variance about 1.
    w = {name: caselib.randn([E, E], gen, dtype, device, scale=1 / math.sqrt(E)) for name in PROJ}
    b = {name: caselib.randn([E], gen, dtype, device, scale=0.5) for name in PROJ}

    # Keys that take part for every (b, query): at least one that is not padding. When a
    # padding mask is used, every sequence has 1..S-1 real keys (so also the inverted mask
    # keeps a key), and the attn_mask forces per row one allowed key among the keys every
    # batch element really has (0 .. min_len-1) and, where possible, one disallowed one.
    kpm = None
    min_len = S
    if params.get("kpm") and S > 1:
        lengths = torch.randint(1, S, (B,), generator=gen)
        if params.get("full_row"):
            lengths[0] = S - 1
        min_len = int(lengths.min())
        kpm = (torch.arange(S)[None, :] >= lengths[:, None]).to(device)          # (B, S) True = pad

    attn_mask = None
    kind = params.get("mask", "none")
    if kind != "none":
        shape = [B * H, L, S] if params.get("mask_3d") else [L, S]
        if kind == "bool":
            blocked = torch.rand(tuple(shape), generator=gen, dtype=torch.float64) < 0.4
            order = _pick(shape[:-1] + [min_len], gen)
            blocked.scatter_(-1, order[..., :1], False)        # one real key always allowed
            if min_len > 1:
                blocked.scatter_(-1, order[..., 1:2], True)    # and one real key always blocked
            attn_mask = blocked.to(device)
        elif kind == "float":
            attn_mask = caselib.rand(shape, gen, dtype, device, lo=-2.0, hi=2.0)
        else:
            raise ValueError(f"unknown mask kind {kind!r}")

    return {
        "args": [],
        "kwargs": {},
        "E": E, "H": H, "bias": bias, "self_attn": self_attn,
        "query": query, "key": key, "value": value,
        "key_padding_mask": kpm, "attn_mask": attn_mask,
        "need_weights": bool(params.get("need_weights", False)),
        "weights": w, "biases": b,
    }


def call(entry, inputs: dict, ctx):
    def own(t):
        return t.to(device=ctx.device, dtype=ctx.dtype)

    E, H, bias = inputs["E"], inputs["H"], inputs["bias"]
    m = ctx.call(entry, E, H, bias=bias)
    m = m.to(device=ctx.device, dtype=ctx.dtype)
    m.eval()

    structure = {}
    for name in PROJ:
        sub = getattr(m, name, None)
        structure[f"{name} is an nn.Linear({E}, {E})"] = (
            isinstance(sub, nn.Linear) and tuple(sub.weight.shape) == (E, E))
        structure[f"{name}.bias is {'a Parameter' if bias else 'None'}"] = (
            isinstance(sub, nn.Linear) and ((sub.bias is not None) == bias))
    if not all(structure.values()):
        return structure

    with torch.no_grad():
        for name in PROJ:
            sub = getattr(m, name)
            sub.weight.copy_(own(inputs["weights"][name]))
            if bias:
                sub.bias.copy_(own(inputs["biases"][name]))

    query = inputs["query"]
    same = inputs["self_attn"]   # one tensor object for query, key and value
    key, value = inputs["key"], inputs["value"]
    am = inputs["attn_mask"]
    if am is not None and am.is_floating_point():
        am = own(am)
    nw = inputs["need_weights"]
    with torch.no_grad():
        q_in = own(query)
        k_in = q_in if same else own(key)
        v_in = q_in if same else own(value)
        out = ctx.call(m, q_in, k_in, v_in, key_padding_mask=inputs["key_padding_mask"],
                       attn_mask=am, need_weights=nw)

    result = dict(structure)
    ok = isinstance(out, (tuple, list)) and len(out) == 2
    result["forward returns a pair (attn_output, attn_weights)"] = ok
    if not ok:
        return result
    result["attn_output"] = out[0]
    if nw:
        result["attn_weights (averaged over heads)"] = out[1]
    return result


class _TorchMHA(nn.Module):
    """The learner's interface, computed by torch.nn.MultiheadAttention (the truth)."""

    def __init__(self, embed_dim, num_heads, bias=True):
        super().__init__()
        self.embed_dim, self.num_heads, self.bias = embed_dim, num_heads, bias
        for name in PROJ:
            setattr(self, name, nn.Linear(embed_dim, embed_dim, bias=bias))

    def forward(self, query, key, value, key_padding_mask=None, attn_mask=None, need_weights=False):
        E = self.embed_dim
        mha = nn.MultiheadAttention(E, self.num_heads, bias=self.bias, batch_first=True,
                                    device=query.device, dtype=query.dtype)
        with torch.no_grad():
            mha.in_proj_weight.copy_(torch.cat([self.q_proj.weight, self.k_proj.weight,
                                                self.v_proj.weight]))
            mha.out_proj.weight.copy_(self.out_proj.weight)
            if self.bias:
                mha.in_proj_bias.copy_(torch.cat([self.q_proj.bias, self.k_proj.bias,
                                                  self.v_proj.bias]))
                mha.out_proj.bias.copy_(self.out_proj.bias)
        mha.eval()
        with warnings.catch_warnings():
            # A bool key_padding_mask with a float attn_mask is merged as an additive mask.
            warnings.simplefilter("ignore")
            return mha(query, key, value, key_padding_mask=key_padding_mask,
                       need_weights=need_weights, attn_mask=attn_mask)


def reference_entry():
    return _TorchMHA


# ---------------------------------------------------------------------------- suspects

class NotThisCase(Exception):
    """This suspect's mistake makes no difference on this case."""


class _WrongMHA(_TorchMHA):
    split_no_transpose = False     # q.view(B, H, L, D) straight from (B, L, E)
    scale_embed = False            # 1/sqrt(E) instead of 1/sqrt(D)
    flip_masks = False             # True taken as "keep" in bool masks
    merge_no_transpose = False     # (B, H, L, D).reshape(B, L, E)
    no_out_proj = False
    mask3d_head_major = False      # (B·H, L, S) read as index h·B + b
    kpm_on_queries = False         # padding applied to the query axis
    weights_not_averaged_sum = False   # heads summed instead of averaged

    def forward(self, query, key, value, key_padding_mask=None, attn_mask=None, need_weights=False):
        B, L, E = query.shape
        S = key.shape[1]
        H = self.num_heads
        D = E // H
        if (self.flip_masks and key_padding_mask is None
                and (attn_mask is None or attn_mask.is_floating_point())):
            raise NotThisCase
        if self.mask3d_head_major and (attn_mask is None or attn_mask.dim() != 3 or B == 1):
            raise NotThisCase
        if self.kpm_on_queries and (key_padding_mask is None or L != S):
            raise NotThisCase
        if self.weights_not_averaged_sum and not need_weights:
            raise NotThisCase
        if self.split_no_transpose and L == 1:
            raise NotThisCase

        def split(x, n):
            y = x.reshape(B, n, E)
            if self.split_no_transpose:
                return y.reshape(B, H, n, D)
            return y.reshape(B, n, H, D).transpose(1, 2)

        q = split(self.q_proj(query), L)
        k = split(self.k_proj(key), S)
        v = split(self.v_proj(value), S)
        scale = 1 / math.sqrt(E if self.scale_embed else D)
        s = (q @ k.transpose(-2, -1)) * scale                      # (B, H, L, S)
        if attn_mask is not None:
            am = attn_mask
            if am.dim() == 3:
                am = am.reshape(H, B, L, S).transpose(0, 1) if self.mask3d_head_major \
                    else am.reshape(B, H, L, S)
            if am.dtype == torch.bool:
                s = s.masked_fill(~am if self.flip_masks else am, float("-inf"))
            else:
                s = s + am
        if key_padding_mask is not None:
            pad = ~key_padding_mask if self.flip_masks else key_padding_mask
            if self.kpm_on_queries:
                s = s.masked_fill(pad[:, None, :, None], float("-inf"))
            else:
                s = s.masked_fill(pad[:, None, None, :], float("-inf"))
        w = torch.softmax(s, dim=-1)
        o = w @ v                                                  # (B, H, L, D)
        o = o.reshape(B, L, E) if self.merge_no_transpose else o.transpose(1, 2).reshape(B, L, E)
        if not self.no_out_proj:
            o = self.out_proj(o)
        if not need_weights:
            return o, None
        return o, (w.sum(1) if self.weights_not_averaged_sum else w.mean(1))


def _suspect(**switches):
    return type("WrongMHA", (_WrongMHA,), switches)


SUSPECTS = [
    ("the heads were split with .view(B, H, T, D) straight from (B, T, E): split as "
     "(B, T, H, D) first, then transpose(1, 2) to (B, H, T, D)",
     _suspect(split_no_transpose=True)),
    ("you scaled the scores by 1/sqrt(embed_dim); each head uses 1/sqrt(head_dim), "
     "head_dim = embed_dim // num_heads",
     _suspect(scale_embed=True)),
    ("the boolean masks are inverted: in nn.MultiheadAttention True means NOT allowed "
     "(masked out / padding), the opposite of F.scaled_dot_product_attention",
     _suspect(flip_masks=True)),
    ("the heads were merged with .reshape(B, T, E) on (B, H, T, D): transpose(1, 2) to "
     "(B, T, H, D) first, so each position gets its H head vectors side by side",
     _suspect(merge_no_transpose=True)),
    ("out_proj is missing: the merged heads go through out_proj before they are returned",
     _suspect(no_out_proj=True)),
    ("a 3-D attn_mask (B·num_heads, L, S) is batch-major: row b·num_heads + h belongs to "
     "batch b, head h (reshape it to (B, num_heads, L, S))",
     _suspect(mask3d_head_major=True)),
    ("key_padding_mask marks padded KEYS: it masks columns of the (L, S) scores, "
     "broadcast as (B, 1, 1, S), not the query rows",
     _suspect(kpm_on_queries=True)),
    ("the returned weights are summed over the heads; nn.MultiheadAttention averages them "
     "(mean over the head dim)",
     _suspect(weights_not_averaged_sum=True)),
]
