"""Cases for `tiled_attention`: flash-style attention over key blocks with an online
softmax, so that the (L, S) score matrix is never held in memory.

Truth: F.scaled_dot_product_attention in float64, run on chunks of 64 queries (each query's
softmax only involves its own row, so chunking the queries is exact and keeps the truth's
memory small whatever SDPA backend is picked). call() also watches the learner's reductions
(as in online_softmax): a max / sum over more than `block_size` values along a dim means
the keys were not streamed block by block. The case `long_sequence` has a float32 score
matrix of 512 MiB, above the 384 MiB memory cap, so materializing it runs out of memory.

params: batch (leading dims), L, S, E, Ev, block (absent = the default 64), causal,
        scale (spread of q and k), layout / k_layout / v_layout, dtype,
        budget_mb (CUDA only: the most extra GPU memory the call may use)
"""

import math
import random

import torch
import torch.nn.functional as F

from dlquiz import caselib

REDUCTIONS = {"max", "amax", "sum", "logsumexp", "mean", "nansum", "argmax", "aminmax",
              "nanmean", "norm"}
OK = "each reduction covers at most `block_size` values"
MEM_OK = "within the memory budget"
QUERY_CHUNK = 64


def random_params(rng: random.Random, index: int) -> dict:
    B, H, L, S, E, Ev = caselib.distinct_sizes(rng, 6, lo=2, hi=20)
    params = {
        "batch": [B % 4 + 1, H % 3 + 1], "L": L, "S": S, "E": E % 9 + 2, "Ev": Ev % 9 + 2,
        "block": rng.choice((1, 2, 3, 4, 5, 8)),
        "causal": index % 2 == 1,
        "scale": rng.choice((1.0, 1.0, 2.0)),
        "layout": rng.choice(("contiguous", "transposed", "sliced")),
        "k_layout": rng.choice(("contiguous", "transposed", "sliced")),
        # No "dtype": the engine cycles through the spec's dtypes list, which repeats
        # float32 and float64 so that a CPU run keeps float32 on index % 4 < 2 and float64
        # on the others (each with causal and non-causal cases), as before half was added.
    }
    if params["E"] == params["Ev"]:
        params["Ev"] = params["E"] + 1
    return params


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    batch = list(params.get("batch", []))
    L, S, E, Ev = (int(params[k]) for k in ("L", "S", "E", "Ev"))
    sc = float(params.get("scale", 1.0))
    if dtype in (torch.float16, torch.bfloat16):
        # Scores of spread 2² = 4 (up to ~15) lose |score|·2⁻⁸ ≈ 0.06 to bfloat16 rounding
        # before exp(), a 6 % error in the weights that no correct half kernel avoids;
        # half cases keep q and k at spread <= 1 (the max still moves between blocks).
        sc = min(sc, 1.0)
    lay = params.get("layout", "contiguous")
    q = caselib.layout(caselib.randn(batch + [L, E], gen, dtype, device, scale=sc), lay, gen)
    k = caselib.layout(caselib.randn(batch + [S, E], gen, dtype, device, scale=sc),
                       params.get("k_layout", lay), gen)
    v = caselib.layout(caselib.randn(batch + [S, Ev], gen, dtype, device),
                       params.get("v_layout", lay), gen)
    kwargs = {}
    if "block" in params:
        kwargs["block_size"] = int(params["block"])
    if params.get("causal"):
        kwargs["is_causal"] = True
    return {"args": [q, k, v], "kwargs": kwargs, "budget_mb": params.get("budget_mb")}


def _ReductionSpy(block: int):
    """online_softmax's spy: the first reduction over more than one block of keys."""
    return caselib.sibling_cases("online_softmax")._ReductionSpy(
        block, "block_size", "process the keys one block at a time with a running max and sum",
        frozenset(REDUCTIONS))


def call(entry, inputs: dict, ctx):
    q, k, v = inputs["args"]
    kwargs = inputs["kwargs"]
    budget = inputs.get("budget_mb")
    if ctx.is_reference:
        out = {"output": ctx.call(entry, q, k, v, **kwargs), "streaming": OK}
        if budget:
            out["memory"] = MEM_OK
        return out
    # On CPU the memory cap (RLIMIT_DATA) stops a full score matrix; it does not apply on
    # CUDA, so there the peak of extra GPU memory during the call is measured instead.
    track = bool(budget) and ctx.device == "cuda"
    if track:
        torch.cuda.synchronize()
        base = torch.cuda.memory_allocated()
        torch.cuda.reset_peak_memory_stats()
    spy = _ReductionSpy(int(kwargs.get("block_size", 64)))
    with spy:
        out = ctx.call(entry, q, k, v, **kwargs)
    result = {"output": out, "streaming": spy.first or OK}
    if budget:
        result["memory"] = MEM_OK
        if track:
            torch.cuda.synchronize()
            peak = (torch.cuda.max_memory_allocated() - base) / 2**20
            full = q.shape[:-1].numel() * k.shape[-2] * q.element_size() / 2**20
            if peak > budget:
                result["memory"] = (f"peak extra GPU memory {peak:.0f} MiB, over the budget of "
                                    f"{budget} MiB: the full (L, S) score matrix ({full:.0f} MiB) "
                                    f"was materialized")
    return result


def _sdpa_by_query_chunks(q, k, v, block_size=64, is_causal=False):
    L, S = q.shape[-2], k.shape[-2]
    outs = []
    for s in range(0, L, QUERY_CHUNK):
        qc = q[..., s:s + QUERY_CHUNK, :]
        mask = None
        if is_causal:
            # Top-left causal for the whole (L, S) problem, restricted to these rows.
            rows = torch.arange(s, s + qc.shape[-2], device=q.device)[:, None]
            mask = torch.arange(S, device=q.device)[None, :] <= rows
        outs.append(F.scaled_dot_product_attention(qc, k, v, attn_mask=mask))
    return torch.cat(outs, dim=-2)


def reference_entry():
    return _sdpa_by_query_chunks


# ---------------------------------------------------------------------------- suspects

class NotThisCase(Exception):
    """This suspect's mistake makes no difference on this case."""


def _tiled(q, k, v, block_size=64, is_causal=False, *, rescale=True, per_block_norm=False,
           scale=None, diagonal=0, bottom_right=False, tile_local=False):
    L, E, S = q.shape[-2], q.shape[-1], k.shape[-2]
    n_blocks = math.ceil(S / block_size)
    if (rescale is False or per_block_norm) and n_blocks == 1:
        raise NotThisCase
    if (diagonal or bottom_right or tile_local) and not is_causal:
        raise NotThisCase
    if bottom_right and L == S:
        raise NotThisCase
    if tile_local and n_blocks == 1:
        raise NotThisCase
    sc = 1 / math.sqrt(E) if scale is None else scale(E)
    lead = q.shape[:-2]
    m = torch.full(lead + (L, 1), float("-inf"), dtype=q.dtype, device=q.device)
    l = torch.zeros(lead + (L, 1), dtype=q.dtype, device=q.device)
    acc = torch.zeros(lead + (L, v.shape[-1]), dtype=q.dtype, device=q.device)
    rows = torch.arange(L, device=q.device)[:, None]
    off = (S - L if bottom_right else 0) + diagonal
    for s in range(0, S, block_size):
        kb, vb = k[..., s:s + block_size, :], v[..., s:s + block_size, :]
        t = (q @ kb.transpose(-2, -1)) * sc
        if is_causal:
            cols = torch.arange(0 if tile_local else s, (0 if tile_local else s) + kb.shape[-2],
                                device=q.device)[None, :]
            t = t.masked_fill(cols > rows + off, float("-inf"))
        if per_block_norm:
            w = torch.softmax(t, dim=-1).nan_to_num(0.0)
            acc = acc + w @ vb
            continue
        m_new = torch.maximum(m, t.amax(-1, keepdim=True))
        safe = torch.where(torch.isinf(m_new), torch.zeros_like(m_new), m_new)
        p = torch.exp(t - safe)
        factor = torch.exp(m - safe) if rescale else torch.ones_like(m)
        l = l * factor + p.sum(-1, keepdim=True)
        acc = acc * factor + p @ vb
        m = m_new
    if per_block_norm:
        return acc
    return acc / l


def _suspect(**knobs):
    return lambda q, k, v, block_size=64, is_causal=False: _tiled(q, k, v, block_size, is_causal, **knobs)


SUSPECTS = [
    ("the accumulator (and running sum) are not rescaled when the running max grows: "
     "multiply both by exp(m_old − m_new) before adding the new block",
     _suspect(rescale=False)),
    ("each key block was normalized by its own softmax; the blocks must share one running "
     "max and sum, and the division by the sum happens once, at the end",
     _suspect(per_block_norm=True)),
    ("the scores are not scaled: multiply q @ kᵀ by 1/sqrt(E)",
     _suspect(scale=lambda E: 1.0)),
    ("you scaled by 1/E; the scale is 1/sqrt(E), E = q.shape[-1]",
     _suspect(scale=lambda E: 1 / E)),
    ("the causal mask is off by one: query i attends keys j <= i, its own key included",
     _suspect(diagonal=-1)),
    ("the causal mask is bottom-right aligned; it is top-left, as SDPA's is_causal: query i "
     "attends keys 0..i also when L != S",
     _suspect(bottom_right=True)),
    ("the causal mask uses the key's index inside the tile (0..b-1); compare the query index "
     "with the GLOBAL key index start + j",
     _suspect(tile_local=True)),
]


def bench_inputs(size: dict, dtype: torch.dtype, device: str, gen: torch.Generator) -> dict:
    """The attention exercise's bench inputs: q, k, v with no mask and the default block
    size, so the built-in takes the same call."""
    return caselib.sibling_cases("attention").bench_inputs(size, dtype, device, gen)
