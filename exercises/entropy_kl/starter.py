"""KL divergence with the convention of torch.nn.functional.kl_div.

input = log-probabilities of the model, target = probabilities (or log-probabilities when
log_target=True). Run `dlquiz run entropy_kl` to test, `dlquiz hint entropy_kl` for a hint.
"""

import torch


def kl_div_loss(input: torch.Tensor, target: torch.Tensor, reduction: str = "mean",
                log_target: bool = False) -> torch.Tensor:
    # TODO: pointwise p * (log p - input), then the reduction.
    raise NotImplementedError("kl_div_loss is not written yet")
