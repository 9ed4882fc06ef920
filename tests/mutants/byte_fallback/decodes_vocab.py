# mutant: converts the vocab to str keys first, which fails on partial UTF-8 tokens
# expect: UnicodeDecodeError
def encode_bytes(text, vocab):
    svocab = {t.decode("utf-8"): i for t, i in vocab.items()}
    max_len = max(len(t) for t in svocab)
    ids, i = [], 0
    while i < len(text):
        for n in range(min(max_len, len(text) - i), 0, -1):
            if text[i:i + n] in svocab:
                ids.append(svocab[text[i:i + n]])
                i += n
                break
        else:
            i += 1
    return ids
