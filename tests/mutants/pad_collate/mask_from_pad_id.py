# mutant: builds the mask as input_ids != pad_id, which also hides real tokens with the pad id
# expect: a real token can have the pad id
import torch
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch, pad_id=0):
    ids = pad_sequence([t for t, _ in batch], batch_first=True, padding_value=pad_id)
    return {"input_ids": ids, "attention_mask": (ids != pad_id).long(),
            "lengths": torch.tensor([len(t) for t, _ in batch], dtype=torch.long),
            "labels": torch.tensor([y for _, y in batch], dtype=torch.long)}
