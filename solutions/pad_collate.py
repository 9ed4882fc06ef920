"""Reference solution: a padding collate_fn for variable-length token sequences."""

import torch


def pad_collate(batch, pad_id: int = 0) -> dict:
    # batch: list of B pairs (token_ids LongTensor (T_i,), label int)
    ids = [tokens for tokens, _ in batch]
    lengths = torch.tensor([t.shape[0] for t in ids], dtype=torch.long)        # (B,)
    T_max = int(lengths.max()) if len(ids) else 0

    # Start from all pad_id and copy each sequence to the left end (right padding).
    input_ids = torch.full((len(ids), T_max), pad_id, dtype=torch.long)        # (B, T_max)
    for i, t in enumerate(ids):
        input_ids[i, : t.shape[0]] = t

    # The mask comes from the lengths, not from input_ids != pad_id: a real token may
    # carry the pad id (id 0 is often a real token), and the lengths say exactly which
    # positions are padding.
    positions = torch.arange(T_max)                                            # (T_max,)
    attention_mask = (positions[None, :] < lengths[:, None]).long()            # (B, T_max)

    labels = torch.tensor([label for _, label in batch], dtype=torch.long)     # (B,)
    return {"input_ids": input_ids, "attention_mask": attention_mask,
            "lengths": lengths, "labels": labels}
