"""Two-layer MLP backward in NumPy.

h = relu(x @ W1 + b1), logits = h @ W2 + b2, loss = mean cross-entropy with labels y.
Return the loss and the gradients. Run `dlquiz run mlp_numpy_backward` to test,
`dlquiz hint mlp_numpy_backward` for a hint.
"""

import numpy as np


def mlp_backward(x, W1, b1, W2, b2, y):
    # x: (N, D), W1: (D, H), b1: (H,), W2: (H, K), b2: (K,), y: (N,) int64 labels in [0, K)
    # TODO: return {"loss": ..., "W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
    raise NotImplementedError("mlp_backward is not written yet")
