# mutant: returns the attention mask as a bool tensor instead of long
# expect: dtype bool but expected int64
import torch
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch, pad_id=0):
    ids = pad_sequence([t for t, _ in batch], batch_first=True, padding_value=pad_id)
    lengths = torch.tensor([len(t) for t, _ in batch], dtype=torch.long)
    mask = torch.arange(ids.shape[1])[None, :] < lengths[:, None]
    return {"input_ids": ids, "attention_mask": mask, "lengths": lengths,
            "labels": torch.tensor([y for _, y in batch], dtype=torch.long)}
