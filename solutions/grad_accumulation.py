"""Reference: accumulate micro-batch gradients so they add up to the full-batch mean."""

import torch


def accumulated_grads(model: torch.nn.Module, loss_fn, inputs: torch.Tensor, targets: torch.Tensor,
                      micro_batch: int) -> None:
    # inputs: (N, ...), targets: (N, ...)
    n = inputs.shape[0]
    # backward() adds into .grad, so whatever an earlier step left there must go first.
    model.zero_grad(set_to_none=True)
    for start in range(0, n, micro_batch):
        xb = inputs[start:start + micro_batch]            # (b, ...), b <= micro_batch
        yb = targets[start:start + micro_batch]
        b = xb.shape[0]                                   # the last micro-batch may be smaller
        # loss_fn gives the mean over these b samples; the full-batch mean is
        # Σ_chunks (b / N) · mean_chunk, so each chunk is weighted by its own size.
        # (Dividing by the number of chunks is right only when all chunks have equal size.)
        loss = loss_fn(model(xb), yb) * (b / n)
        loss.backward()                                   # adds this chunk's share to .grad
