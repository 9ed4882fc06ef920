# mutant: takes the labels from the corrupted ids instead of the originals
# expect: labels hold the corrupted ids
import torch


def mlm_mask(input_ids, rand, vocab_size, mask_token_id, special_mask, mask_prob=0.15):
    selected = (rand[0] < mask_prob) & ~special_mask
    to_mask = selected & (rand[1] < 0.8)
    to_random = selected & (rand[1] >= 0.8) & (rand[1] < 0.9)
    random_ids = (rand[2] * vocab_size).long()
    masked = input_ids.clone()
    masked[to_mask] = mask_token_id
    masked[to_random] = random_ids[to_random]
    labels = torch.full_like(input_ids, -100)
    labels[selected] = masked[selected]
    return masked, labels
