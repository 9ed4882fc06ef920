# alternative: the original GPT-2 loop: pairs as a set, min by rank with an inf default,
# and the merge done with list.index jumps
def bpe_encode(word, merges):
    ranks = {}
    for i, p in enumerate(merges):
        ranks.setdefault(tuple(p), i)
    word = tuple(word)
    pairs = set(zip(word, word[1:]))
    while pairs:
        bigram = min(pairs, key=lambda p: ranks.get(p, float("inf")))
        if bigram not in ranks:
            break
        first, second = bigram
        new_word, i = [], 0
        while i < len(word):
            try:
                j = word.index(first, i)
            except ValueError:
                new_word.extend(word[i:])
                break
            new_word.extend(word[i:j])
            i = j
            if word[i] == first and i < len(word) - 1 and word[i + 1] == second:
                new_word.append(first + second)
                i += 2
            else:
                new_word.append(word[i])
                i += 1
        word = tuple(new_word)
        if len(word) == 1:
            break
        pairs = set(zip(word, word[1:]))
    return list(word)
