# alternative: one bucket number per position (0 mask, 1 random, 2 keep, 3 not selected)
# and a gather from the stacked candidate tensors
import torch


def mlm_mask(input_ids, rand, vocab_size, mask_token_id, special_mask, mask_prob=0.15):
    selected = (rand[0] < mask_prob) & ~special_mask
    bucket = torch.bucketize(rand[1], torch.tensor([0.8, 0.9], dtype=rand.dtype, device=rand.device),
                             right=True)                       # 0: <0.8, 1: [0.8, 0.9), 2: >=0.9
    bucket = torch.where(selected, bucket, torch.full_like(bucket, 3))
    candidates = torch.stack([
        torch.full_like(input_ids, mask_token_id),
        (rand[2] * vocab_size).to(torch.int64),
        input_ids,
        input_ids,
    ])                                                          # (4, *S)
    masked = candidates.gather(0, bucket.unsqueeze(0)).squeeze(0)
    labels = input_ids.masked_fill(~selected, -100)
    return masked, labels
