"""BPE encoding: split a word into tokens with a learned merges list.

Run `dlquiz run bpe_encode` to test, `dlquiz hint bpe_encode` for a hint.
"""


def bpe_encode(word: str, merges: list[tuple[str, str]]) -> list[str]:
    # merges[i] = (left, right); a lower index means a higher priority.
    raise NotImplementedError("bpe_encode is not written yet")
