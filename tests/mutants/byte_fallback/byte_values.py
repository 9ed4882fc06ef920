# mutant: returns the raw UTF-8 byte values as ids
# expect: raw byte values
def encode_bytes(text, vocab):
    return list(text.encode("utf-8"))
