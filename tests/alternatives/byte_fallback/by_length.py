# alternative: tokens grouped by length once; at each position test the lengths in
# decreasing order with memoryview slices turned back into bytes
def encode_bytes(text, vocab):
    lengths = sorted({len(t) for t in vocab}, reverse=True)
    data = memoryview(text.encode("utf-8"))
    ids, i, n = [], 0, len(data)
    while i < n:
        for L in lengths:
            if i + L <= n:
                piece = bytes(data[i:i + L])
                if piece in vocab:
                    ids.append(vocab[piece])
                    i += L
                    break
    return ids
