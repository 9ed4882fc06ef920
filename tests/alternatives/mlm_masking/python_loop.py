# alternative: a plain Python loop over the flattened positions, rule by rule
import math

import torch


def mlm_mask(input_ids, rand, vocab_size, mask_token_id, special_mask, mask_prob=0.15):
    ids = input_ids.reshape(-1).tolist()
    r0, r1, r2 = (rand[i].reshape(-1).tolist() for i in range(3))
    special = special_mask.reshape(-1).tolist()
    masked, labels = [], []
    for tok, a, b, c, sp in zip(ids, r0, r1, r2, special):
        if sp or not a < mask_prob:
            masked.append(tok)
            labels.append(-100)
            continue
        labels.append(tok)
        if b < 0.8:
            masked.append(mask_token_id)
        elif b < 0.9:
            masked.append(math.floor(c * vocab_size))
        else:
            masked.append(tok)
    shape, dev = input_ids.shape, input_ids.device
    return (torch.tensor(masked, dtype=torch.int64, device=dev).reshape(shape),
            torch.tensor(labels, dtype=torch.int64, device=dev).reshape(shape))
