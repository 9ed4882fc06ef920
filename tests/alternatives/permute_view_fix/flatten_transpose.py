# alternative: merge H and W first (always a view on a contiguous map), then swap C and H*W
def to_tokens(x):
    return x.flatten(2).transpose(1, 2)
