# mutant: applies every merge once, in list order
# expect: each merge is applied once, in list order
def bpe_encode(word, merges):
    s = list(word)
    for a, b in merges:
        out, i = [], 0
        while i < len(s):
            if i + 1 < len(s) and s[i] == a and s[i + 1] == b:
                out.append(a + b)
                i += 2
            else:
                out.append(s[i])
                i += 1
        s = out
    return s
