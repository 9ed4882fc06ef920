"""Reference: inverted dropout with a given keep-mask."""

import torch


def dropout(x: torch.Tensor, p: float, training: bool, mask: torch.Tensor) -> torch.Tensor:
    # x: any shape; mask: bool, same shape, True = kept (each kept with probability 1 − p)
    if not training:
        # The rescaling already happened in training, so E[train output] = x = eval output:
        # inference needs no change at all (and no knowledge of p).
        return x
    # Divide the survivors by the keep probability 1 − p so the expected value stays x.
    return x * mask / (1 - p)
