"""Cases for `kv_cache_step`: one decoding step of multi-head causal self-attention with a
KV cache. call() feeds the learner's step the tokens one at a time and checks that the
outputs equal full causal attention over the whole sequence (float64 SDPA with
is_causal=True), and that the final cache holds every key and value, (B, H, T, D).

params: B, T (total tokens), H, D (E = H·D), prefill (tokens already in the cache before
        the first step, 0 = start from cache None), layout (of x), dtype.
"""

import math
import random

import torch
import torch.nn.functional as F

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    B, T, H, D = caselib.distinct_sizes(rng, 4, lo=2, hi=7)
    return {
        "B": B, "T": T, "H": H, "D": D,
        "prefill": 0 if index % 2 == 0 else rng.randint(1, T - 1),
        "layout": rng.choice(("contiguous", "transposed", "sliced")),
        "dtype": "float32" if index % 4 < 2 else "float64",
    }


def _split(x, H):
    """(B, T, E) -> (B, H, T, D)."""
    B, T, E = x.shape
    return x.reshape(B, T, H, E // H).transpose(1, 2)


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    B, T, H, D = (int(params[k]) for k in ("B", "T", "H", "D"))
    E = H * D
    P = int(params.get("prefill", 0))
    f64 = torch.float64
    x = caselib.randn([B, T, E], gen, f64, "cpu")
    w = [caselib.randn([E, E], gen, f64, "cpu", scale=1 / math.sqrt(E)) for _ in range(3)]
    w = [t.to(dtype=dtype, device=device) for t in w]
    cache = None
    if P:
        # The prompt's keys and values, as a prefill pass would have stored them.
        xp = x[:, :P].to(dtype=dtype).to(f64)
        k0 = _split(xp @ w[1].to(f64).T, H).to(dtype=dtype, device=device).contiguous()
        v0 = _split(xp @ w[2].to(f64).T, H).to(dtype=dtype, device=device).contiguous()
        cache = (k0, v0)
    x = caselib.layout(x.to(dtype=dtype, device=device), params.get("layout", "contiguous"), gen)
    return {"args": [], "kwargs": {}, "x": x, "prefill": P, "cache": cache,
            "w_q": w[0], "w_k": w[1], "w_v": w[2], "num_heads": H}


def _full_attention(*_a, **_k):
    """Marker for the truth: call() computes full causal attention when given this."""
    raise RuntimeError("not a step function")


def call(entry, inputs: dict, ctx):
    x, P, H = inputs["x"], inputs["prefill"], inputs["num_heads"]
    w_q, w_k, w_v = inputs["w_q"], inputs["w_k"], inputs["w_v"]
    B, T, E = x.shape
    if entry is _full_attention:
        q, k, v = _split(x @ w_q.T, H), _split(x @ w_k.T, H), _split(x @ w_v.T, H)
        if inputs["cache"] is not None:
            # The prompt's keys and values are the ones given in the cache (as rounded to
            # the case dtype), not recomputed.
            k = torch.cat([inputs["cache"][0], k[:, :, P:]], dim=2)
            v = torch.cat([inputs["cache"][1], v[:, :, P:]], dim=2)
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)          # (B, H, T, D)
        y = y.transpose(1, 2).reshape(B, T, E)
        # Also decode step by step with a correct step (_step below): a self-check of the
        # two formulations, and it makes the timing after a pass compare like with like.
        cache = inputs["cache"]
        for t in range(P, T):
            y_t, cache = _step(x[:, t:t + 1], cache, w_q, w_k, w_v, H)
            if y.dtype == torch.float64 and not torch.allclose(y_t, y[:, t:t + 1], rtol=1e-6, atol=1e-8):
                raise AssertionError("kv_cache_step: step-by-step truth disagrees with full attention")
        return {"outputs": [y[:, t:t + 1] for t in range(P, T)], "final cache": (k, v)}
    cache = inputs["cache"]
    outputs = []
    for t in range(P, T):
        out = ctx.call(entry, x[:, t:t + 1], cache, w_q, w_k, w_v, H)
        if not (isinstance(out, (tuple, list)) and len(out) == 2):
            return {"decode_step returns a pair (y_t, new_cache)": False}
        y_t, cache = out
        outputs.append(y_t)
    return {"outputs": outputs, "final cache": cache}


def reference_entry():
    return _full_attention


# ---------------------------------------------------------------------------- suspects

class NotThisCase(Exception):
    """This suspect's mistake makes no difference on this case."""


def _step(x_t, cache, w_q, w_k, w_v, num_heads, *, keys="all", scale="head"):
    q, k, v = _split(x_t @ w_q.T, num_heads), _split(x_t @ w_k.T, num_heads), _split(x_t @ w_v.T, num_heads)
    if cache is not None:
        k_all = torch.cat([cache[0], k], dim=2)
        v_all = torch.cat([cache[1], v], dim=2)
    else:
        k_all, v_all = k, v
    D = q.shape[-1]
    ka, va = k_all, v_all
    if keys == "last":
        ka, va = k, v
    elif keys == "first":
        ka, va = k_all[:, :, :1], v_all[:, :, :1]
    elif keys == "dup":
        ka, va = torch.cat([k_all, k], dim=2), torch.cat([v_all, v], dim=2)
    sc = {"head": 1 / math.sqrt(D), "none": 1.0, "embed": 1 / math.sqrt(D * num_heads)}[scale]
    s = (q @ ka.transpose(-2, -1)) * sc
    y = torch.softmax(s, dim=-1) @ va                          # (B, H, 1, D)
    B = x_t.shape[0]
    return y.transpose(1, 2).reshape(B, 1, -1), (k_all, v_all)


def _suspect(**knobs):
    def call_step(x_t, cache, w_q, w_k, w_v, num_heads):
        return _step(x_t, cache, w_q, w_k, w_v, num_heads, **knobs)
    return call_step


SUSPECTS = [
    ("the new token attends only to its own key/value: it must attend to the whole cache "
     "plus itself (concatenate first, then attend over all t + 1 keys)",
     _suspect(keys="last")),
    ("the new key/value is counted twice: it was appended to the cache and then appended "
     "again (or attended next to an already updated cache)",
     _suspect(keys="dup")),
    ("a causal mask inside the step: for the single newest query, tril() on a (1, t+1) "
     "score row keeps only key 0. The newest token may see every cached key, no mask needed",
     _suspect(keys="first")),
    ("the scores are not scaled: divide by sqrt(head_dim)",
     _suspect(scale="none")),
    ("you scaled by 1/sqrt(embed_dim); each head uses 1/sqrt(head_dim)",
     _suspect(scale="embed")),
]
