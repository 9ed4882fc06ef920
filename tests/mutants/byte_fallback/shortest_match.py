# mutant: tries lengths from 1 upward, so the single byte always wins
# expect: shortest match
def encode_bytes(text, vocab):
    data = text.encode("utf-8")
    max_len = max(len(t) for t in vocab)
    ids, i = [], 0
    while i < len(data):
        for n in range(1, min(max_len, len(data) - i) + 1):
            if data[i:i + n] in vocab:
                ids.append(vocab[data[i:i + n]])
                i += n
                break
    return ids
