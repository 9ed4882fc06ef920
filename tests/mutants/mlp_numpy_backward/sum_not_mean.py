# mutant: forgets the 1/N of the mean in the gradient (the loss itself is the mean)
# expect: N times too large
import numpy as np


def mlp_backward(x, W1, b1, W2, b2, y):
    n = x.shape[0]
    a = x @ W1 + b1
    h = np.maximum(a, 0)
    logits = h @ W2 + b2
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    loss = np.mean(np.log(np.exp(z).sum(axis=1)) - z[np.arange(n), y])
    d = p.copy()
    d[np.arange(n), y] -= 1
    dh = d @ W2.T
    da = dh * (a > 0)
    return {"loss": loss, "W1": x.T @ da, "b1": da.sum(axis=0), "W2": h.T @ d, "b2": d.sum(axis=0)}
