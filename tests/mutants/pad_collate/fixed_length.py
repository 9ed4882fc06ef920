# mutant: pads every batch to a fixed max_length of 16 instead of the longest example
# expect: shape (3, 16) but expected (3, 5)
import torch

MAX_LEN = 16


def pad_collate(batch, pad_id=0):
    ids = torch.full((len(batch), MAX_LEN), pad_id, dtype=torch.long)
    mask = torch.zeros(len(batch), MAX_LEN, dtype=torch.long)
    for i, (t, _) in enumerate(batch):
        ids[i, :len(t)] = t[:MAX_LEN]
        mask[i, :len(t)] = 1
    return {"input_ids": ids, "attention_mask": mask,
            "lengths": torch.tensor([len(t) for t, _ in batch], dtype=torch.long),
            "labels": torch.tensor([y for _, y in batch], dtype=torch.long)}
