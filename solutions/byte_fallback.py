"""Reference: greedy longest-match tokenization over the UTF-8 bytes of the text."""


def encode_bytes(text: str, vocab: dict[bytes, int]) -> list[int]:
    data = text.encode("utf-8")                 # work on bytes: a Chinese character is 3 of them
    max_len = max(len(token) for token in vocab)
    ids, i = [], 0
    while i < len(data):
        # Longest first; length 1 always matches because all 256 single bytes are in vocab,
        # so nothing is ever unknown and no <unk> id is needed.
        for n in range(min(max_len, len(data) - i), 0, -1):
            token = data[i:i + n]
            if token in vocab:
                ids.append(vocab[token])
                i += n
                break
    return ids
