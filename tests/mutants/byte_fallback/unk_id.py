# mutant: character-based lookup with an <unk> id for characters that are not a token
# expect: is not in the vocab
def encode_bytes(text, vocab):
    unk = len(vocab)
    max_len = max(len(t) for t in vocab)
    ids, i = [], 0
    while i < len(text):
        for n in range(min(max_len, len(text) - i), 0, -1):
            piece = text[i:i + n].encode("utf-8")
            if piece in vocab:
                ids.append(vocab[piece])
                i += n
                break
        else:
            ids.append(unk)
            i += 1
    return ids
