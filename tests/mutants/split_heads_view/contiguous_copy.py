# mutant: right values, but calls .contiguous() at the end, which copies
# expect: not a view of x
def split_heads(x, num_heads):
    B, T, C = x.shape
    return x.view(B, T, num_heads, C // num_heads).transpose(1, 2).contiguous()
