# mutant: pads on the left (tokens at the end of each row), as for decoder-only generation
# expect: LEFT-padded
import torch


def pad_collate(batch, pad_id=0):
    lengths = torch.tensor([len(t) for t, _ in batch], dtype=torch.long)
    T = int(lengths.max())
    ids = torch.full((len(batch), T), pad_id, dtype=torch.long)
    mask = torch.zeros(len(batch), T, dtype=torch.long)
    for i, (t, _) in enumerate(batch):
        ids[i, T - len(t):] = t
        mask[i, T - len(t):] = 1
    return {"input_ids": ids, "attention_mask": mask, "lengths": lengths,
            "labels": torch.tensor([y for _, y in batch], dtype=torch.long)}
