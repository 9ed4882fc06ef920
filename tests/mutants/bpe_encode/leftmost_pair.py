# mutant: merges the leftmost pair that is in the merges list, ignoring ranks
# expect: leftmost known pair
def bpe_encode(word, merges):
    known = {tuple(p) for p in merges}
    s = list(word)
    while True:
        for i in range(len(s) - 1):
            if (s[i], s[i + 1]) in known:
                s[i:i + 2] = [s[i] + s[i + 1]]
                break
        else:
            return s
