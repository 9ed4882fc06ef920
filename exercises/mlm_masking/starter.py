"""BERT masked-LM masking (80/10/10) with -100 labels.

Given the token ids and three uniforms per token, return (masked_ids, labels).
Run `dlquiz run mlm_masking` to test, `dlquiz hint mlm_masking` for a hint.
"""

import torch


def mlm_mask(input_ids: torch.Tensor, rand: torch.Tensor, vocab_size: int, mask_token_id: int,
             special_mask: torch.Tensor, mask_prob: float = 0.15):
    # TODO: return (masked_ids, labels), both int64 with the shape of input_ids.
    raise NotImplementedError("mlm_mask is not written yet")
