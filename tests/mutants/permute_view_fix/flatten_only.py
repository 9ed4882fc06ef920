# mutant: flattens the pixels but forgets to move the channels last: (B, C, H*W)
# expect: shape
def to_tokens(x):
    return x.flatten(2)
