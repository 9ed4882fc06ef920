# mutant: greedy longest match over characters (whole characters only), bytes only as fallback
# expect: you matched whole characters
def encode_bytes(text, vocab):
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
            ids.extend(vocab[bytes([b])] for b in text[i].encode("utf-8"))
            i += 1
    return ids
