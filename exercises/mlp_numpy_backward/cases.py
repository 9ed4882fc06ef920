"""Hidden cases for mlp_numpy_backward.

Inputs are built as CPU tensors and handed to the learner as NumPy arrays. The truth is
torch autograd through the same two-layer network in float64.
"""

import functools
import random

import numpy as np
import torch
import torch.nn.functional as F

from dlquiz import caselib

KEYS = ("loss", "W2", "b2", "W1", "b1")   # the backward order: an upstream slip shows first


def random_params(rng: random.Random, index: int) -> dict:
    n, d, h, k = caselib.distinct_sizes(rng, 4, 2, 9)
    return {
        "n": n, "d": d, "h": h, "k": k,
        "logit_scale": rng.choice((1.0, 2.0, 4.0)),
        "layout": ("contiguous", "transposed")[(index // 2) % 2],
        "dtype": "float32" if index % 2 == 0 else "float64",
    }


def _integer_case(n, d, h, k, gen):
    """Integer-valued inputs: every matmul is exact in float32, and the logits reach a few
    hundred, past where exp() overflows float32 (about 88.7)."""
    def ints(shape, scale):
        return torch.round(caselib.randn(shape, gen, torch.float64, "cpu", scale=scale))

    x, w1, b1 = ints((n, d), 2.0), ints((d, h), 1.0), ints((h,), 1.0)
    w2, b2 = ints((h, k), 3.0), torch.zeros(k, dtype=torch.float64)
    logits = torch.relu(x @ w1 + b1) @ w2
    if float(logits.max()) < -float(logits.min()):
        w2 = -w2                         # b2 = 0, so this flips the logits: large and positive
    top = float((torch.relu(x @ w1 + b1) @ w2).max())
    if top < 120.0:
        w2 = w2 * float(np.ceil(120.0 / max(top, 1.0)))
    return x, w1, b1, w2, b2


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    f64 = torch.float64
    n, d, h, k = (int(params[key]) for key in ("n", "d", "h", "k"))
    if params.get("integer"):
        x, w1, b1, w2, b2 = _integer_case(n, d, h, k, gen)
    else:
        # Redraw until no pre-activation is within 1e-4 of 0: float32 rounding (~1e-6 here)
        # must never flip a ReLU relative to the float64 truth.
        for _ in range(200):
            x = caselib.randn((n, d), gen, f64, "cpu")
            w1 = caselib.randn((d, h), gen, f64, "cpu", scale=d ** -0.5)
            b1 = caselib.randn((h,), gen, f64, "cpu", scale=0.5)
            if params.get("zero_row"):
                # One sample of all zeros and some zero biases: pre-activations exactly 0.
                x[0] = 0.0
                b1[: max(1, h // 2)] = 0.0
                a = (x @ w1 + b1)[1:]
            else:
                a = x @ w1 + b1
            if float(a.abs().min()) > 1e-4:
                break
        scale = float(params.get("logit_scale", 1.0))
        w2 = caselib.randn((h, k), gen, f64, "cpu", scale=scale * h ** -0.5)
        b2 = caselib.randn((k,), gen, f64, "cpu", scale=0.5)
    y = torch.randint(0, k, (n,), generator=gen, dtype=torch.int64)

    def own(t):
        return t.to(dtype=dtype, device="cpu")

    x = caselib.layout(own(x), params.get("layout", "contiguous"), gen)
    return {"args": [x, own(w1), own(b1), own(w2), own(b2), y], "kwargs": {}}


def _as_numpy(value):
    return value.numpy() if isinstance(value, torch.Tensor) else value


def _scalar(value, dtype):
    """The loss as a 0-d tensor of the case dtype, however it was returned (a Python float, a
    NumPy scalar, a 0-d array). The contract only asks for a number, so its dtype is not
    judged; as a tensor, an inf or NaN loss gets the overflow diagnosis."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (float, int, np.generic)):
        return torch.tensor(float(value), dtype=dtype)
    if isinstance(value, np.ndarray) and value.size == 1:
        return torch.tensor(float(value.reshape(())), dtype=dtype)
    if isinstance(value, torch.Tensor) and value.numel() == 1:
        return torch.tensor(float(value.detach().reshape(())), dtype=dtype)
    return value


def call(entry, inputs: dict, ctx):
    @functools.wraps(entry)  # keeps the entry's signature, so a verdict names the arguments
    def with_arrays(*args):
        return entry(*[_as_numpy(a) for a in args])

    out = ctx.call(with_arrays, *inputs["args"])
    if not isinstance(out, dict):
        return out
    out = dict(out)
    if "loss" in out:
        out["loss"] = _scalar(out["loss"], ctx.dtype)
    return out


def _torch_truth(x, W1, b1, W2, b2, y):
    def t(a):
        return torch.from_numpy(np.array(a, copy=True))

    with torch.enable_grad():
        params = [t(p).requires_grad_(True) for p in (W1, b1, W2, b2)]
        w1, c1, w2, c2 = params
        hidden = torch.relu(t(x) @ w1 + c1)          # (N, H); PyTorch's ReLU has slope 0 at 0
        logits = hidden @ w2 + c2                    # (N, K)
        loss = F.cross_entropy(logits, t(y))         # mean over the batch
        grads = torch.autograd.grad(loss, params)
    named = dict(zip(("W1", "b1", "W2", "b2"), (g.numpy() for g in grads)))
    return {"loss": float(loss.detach()), **{key: named[key] for key in KEYS[1:]}}


def reference_entry():
    return _torch_truth


# ---------------------------------------------------------------------------------------
# Known mistakes: one NumPy function with switches, each suspect turns exactly one on.


def _wrong(x, W1, b1, W2, b2, y, *, no_mean=False, mask_from_input=False, mask_ge=False,
           no_relu_grad=False, softmax_grad_sign=False):
    n = x.shape[0]
    a = x @ W1 + b1
    # A suspect that would equal the right answer on this case declines (raises).
    if no_mean and n == 1:
        raise ValueError("with N = 1 the mean and the sum agree")
    if mask_ge and not (a == 0).any():
        raise ValueError("no pre-activation is exactly 0")
    h = np.maximum(a, 0)
    logits = h @ W2 + b2
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    loss = float(np.mean(np.log(np.exp(z).sum(axis=1)) - z[np.arange(n), y]))
    onehot = np.zeros_like(p)
    onehot[np.arange(n), y] = 1
    dlogits = (onehot - p) if softmax_grad_sign else (p - onehot)
    if not no_mean:
        dlogits = dlogits / n
    dW2, db2 = h.T @ dlogits, dlogits.sum(axis=0)
    dh = dlogits @ W2.T
    if mask_from_input:
        if x.shape != a.shape:
            raise ValueError("applies only when D == H")
        mask = x > 0
    elif mask_ge:
        mask = a >= 0
    elif no_relu_grad:
        mask = np.ones_like(a, dtype=bool)
    else:
        mask = a > 0
    da = dh * mask
    return {"loss": loss, "W2": dW2, "b2": db2, "W1": x.T @ da, "b1": da.sum(axis=0)}


def _suspect(**switches):
    return lambda *a: _wrong(*a, **switches)


SUSPECTS = [
    ("the gradients are N times too large: the loss is a mean over the batch, so "
     "dlogits = (softmax − onehot) / N",
     _suspect(no_mean=True)),
    ("the ReLU mask was taken from x, the network input; it must come from the hidden layer's "
     "pre-activation a = x @ W1 + b1 (or equivalently h > 0)",
     _suspect(mask_from_input=True)),
    ("the ReLU mask uses a >= 0; PyTorch treats the derivative of ReLU at exactly 0 as 0 "
     "(use a > 0)",
     _suspect(mask_ge=True)),
    ("the ReLU's derivative is missing: dh must be multiplied by the mask (a > 0) before it "
     "reaches W1 and b1",
     _suspect(no_relu_grad=True)),
    ("the sign of dlogits is flipped: the gradient of cross-entropy is softmax − onehot",
     _suspect(softmax_grad_sign=True)),
]
