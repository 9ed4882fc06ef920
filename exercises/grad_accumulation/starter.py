"""Gradient accumulation over micro-batches.

Leave in every parameter's .grad the gradient of the full-batch mean loss, while running
the model on at most micro_batch samples at a time. Run `dlquiz run grad_accumulation` to
test, `dlquiz hint grad_accumulation` for a hint.
"""

import torch


def accumulated_grads(model: torch.nn.Module, loss_fn, inputs: torch.Tensor, targets: torch.Tensor,
                      micro_batch: int) -> None:
    # inputs: (N, ...), targets: (N, ...); loss_fn returns the mean loss over its batch.
    # TODO: fill p.grad for every parameter p of model; return nothing.
    raise NotImplementedError("accumulated_grads is not written yet")
