# mutant: splits the features as (D, H) and then moves H forward
# expect: split as (D, H)
def split_heads(x, num_heads):
    B, T, C = x.shape
    return x.view(B, T, C // num_heads, num_heads).permute(0, 3, 1, 2)
