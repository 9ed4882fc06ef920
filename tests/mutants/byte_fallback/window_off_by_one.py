# mutant: the window stops one short of the longest token length (with a defensive
# single-byte fallback, so it never hangs)
# expect: off by one in the window
def encode_bytes(text, vocab):
    data = text.encode("utf-8")
    max_len = max(len(t) for t in vocab)
    ids, i = [], 0
    while i < len(data):
        for n in range(min(max_len - 1, len(data) - i), 0, -1):
            if data[i:i + n] in vocab:
                ids.append(vocab[data[i:i + n]])
                i += n
                break
        else:
            ids.append(vocab[data[i:i + 1]])
            i += 1
    return ids
