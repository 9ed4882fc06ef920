"""BPE training: learn merges from a word-frequency dict.

Run `dlquiz run bpe_train` to test, `dlquiz hint bpe_train` for a hint.
"""


def train_bpe(words: dict[str, int], num_merges: int) -> list[tuple[str, str]]:
    # words maps each word to its count. Return the learned merges, in order.
    raise NotImplementedError("train_bpe is not written yet")
