# mutant: softmax without subtracting the row max, so exp() overflows for large logits
# expect: exp() overflowing
import numpy as np


def mlp_backward(x, W1, b1, W2, b2, y):
    n = x.shape[0]
    a = x @ W1 + b1
    h = np.maximum(a, 0)
    logits = h @ W2 + b2
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    loss = np.mean(-np.log(p[np.arange(n), y]))
    d = p.copy()
    d[np.arange(n), y] -= 1
    d /= n
    dh = d @ W2.T
    da = dh * (a > 0)
    return {"loss": loss, "W1": x.T @ da, "b1": da.sum(axis=0), "W2": h.T @ d, "b2": d.sum(axis=0)}
