"""Reference: forward and backward of a two-layer ReLU MLP with mean cross-entropy, in NumPy."""

import numpy as np


def mlp_backward(x, W1, b1, W2, b2, y):
    # x: (N, D), W1: (D, H), b1: (H,), W2: (H, K), b2: (K,), y: (N,) int labels
    n = x.shape[0]
    rows = np.arange(n)

    # Forward, keeping what the backward pass needs.
    a = x @ W1 + b1                                  # (N, H) pre-activation
    h = np.maximum(a, 0)                             # (N, H)
    logits = h @ W2 + b2                             # (N, K)

    # Stable log-softmax: subtracting the row max changes nothing mathematically but keeps
    # exp() from overflowing (float32 overflows past ~88.7).
    z = logits - logits.max(axis=1, keepdims=True)   # (N, K), max 0 per row
    e = np.exp(z)
    s = e.sum(axis=1, keepdims=True)                 # (N, 1), in [1, K]
    loss = np.mean(np.log(s[:, 0]) - z[rows, y])     # mean over the batch
    p = e / s                                        # softmax, (N, K)

    # d(mean CE)/dlogits = (softmax − onehot) / N; the 1/N comes from the mean.
    dlogits = p.copy()
    dlogits[rows, y] -= 1                            # no float64 one-hot: keeps x's dtype
    dlogits /= n

    dW2 = h.T @ dlogits                              # (H, K)
    db2 = dlogits.sum(axis=0)                        # (K,): the bias is shared by every sample
    dh = dlogits @ W2.T                              # (N, H)
    da = dh * (a > 0)                                # ReLU passes gradient where a > 0 (0 at a = 0)
    dW1 = x.T @ da                                   # (D, H)
    db1 = da.sum(axis=0)                             # (H,)
    return {"loss": float(loss), "W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
