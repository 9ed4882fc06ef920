import torch


def pad_collate(batch, pad_id: int = 0) -> dict:
    """collate_fn for a DataLoader over (token_ids, label) examples of different lengths.

    batch: list of (token_ids LongTensor (T_i,), label int).
    Returns {"input_ids": (B, T_max) long, right-padded with pad_id,
             "attention_mask": (B, T_max) long, 1 = real token, 0 = padding,
             "lengths": (B,) long, "labels": (B,) long}.

    TODO
    """
    raise NotImplementedError("pad_collate")
