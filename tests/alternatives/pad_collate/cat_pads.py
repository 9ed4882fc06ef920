# Each row built by concatenating the tokens with a block of pad ids, then stacked.
import torch


def pad_collate(batch, pad_id=0):
    T = max(t.numel() for t, _ in batch)
    rows, masks = [], []
    for t, _ in batch:
        pad = T - t.numel()
        rows.append(torch.cat([t.long(), torch.full((pad,), pad_id, dtype=torch.long)]))
        masks.append(torch.cat([torch.ones(t.numel(), dtype=torch.long),
                                torch.zeros(pad, dtype=torch.long)]))
    return {"input_ids": torch.stack(rows), "attention_mask": torch.stack(masks),
            "lengths": torch.tensor([t.numel() for t, _ in batch]),
            "labels": torch.tensor([y for _, y in batch])}
