"""Dropout as written in the notes, with its scaling in the wrong place.

Fix it so that it is inverted dropout, as torch.nn.Dropout does it.
Run `dlquiz run dropout_scaling_fix` to test, `dlquiz hint dropout_scaling_fix` for a hint.
"""

import torch


def dropout(x: torch.Tensor, p: float, training: bool, mask: torch.Tensor) -> torch.Tensor:
    """x: activations; p: drop probability; mask: bool, True where an element is kept."""
    if training:
        # Drop the masked-out activations.
        return x * mask
    # At inference every unit is present, so scale down to match training.
    return x * (1 - p)
