"""Reference: BERT's 80/10/10 masking as three boolean masks and torch.where."""

import torch

IGNORE_INDEX = -100   # F.cross_entropy's default ignore_index


def mlm_mask(input_ids: torch.Tensor, rand: torch.Tensor, vocab_size: int, mask_token_id: int,
             special_mask: torch.Tensor, mask_prob: float = 0.15):
    # input_ids, special_mask: S   rand: (3, *S)
    # Which positions the model must predict: never a special token.
    selected = (rand[0] < mask_prob) & ~special_mask                      # S, bool
    # Among those: 80 % [MASK], 10 % a random token, 10 % unchanged (so the model cannot
    # assume that every unmasked input token is correct).
    to_mask = selected & (rand[1] < 0.8)
    to_random = selected & (rand[1] >= 0.8) & (rand[1] < 0.9)
    random_ids = torch.floor(rand[2] * vocab_size).to(input_ids.dtype)    # S, in [0, vocab)
    masked = torch.where(to_mask, torch.full_like(input_ids, mask_token_id), input_ids)
    masked = torch.where(to_random, random_ids, masked)                  # new tensor: input untouched
    # Labels: the original id where a prediction is scored, ignore_index elsewhere.
    labels = torch.where(selected, input_ids, torch.full_like(input_ids, IGNORE_INDEX))
    return masked, labels
