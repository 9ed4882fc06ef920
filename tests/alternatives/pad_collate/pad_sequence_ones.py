# pad_sequence for the ids, and again for the mask (a sequence of ones per example, padded
# with zeros); lengths from the mask's row sums.
import torch
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch, pad_id=0):
    seqs = [t for t, _ in batch]
    ids = pad_sequence(seqs, batch_first=True, padding_value=pad_id)
    mask = pad_sequence([torch.ones(len(t), dtype=torch.long) for t in seqs],
                        batch_first=True, padding_value=0)
    return {"input_ids": ids, "attention_mask": mask, "lengths": mask.sum(dim=1),
            "labels": torch.as_tensor([y for _, y in batch], dtype=torch.long)}
