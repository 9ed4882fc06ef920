# mutant: window loop with >=, so among tied maxima the LAST one gets the gradient
# expect: ties went to the last maximum
import torch


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def maxpool2d_backward(grad_output, x, kernel_size, stride=None):
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(kernel_size if stride is None else stride)
    n, c, h, w = x.shape
    grad_x = torch.zeros_like(x)
    for oi in range(grad_output.shape[2]):
        for oj in range(grad_output.shape[3]):
            r0, c0 = oi * sh, oj * sw
            best = x[:, :, r0, c0].clone()
            br = torch.full_like(best, r0, dtype=torch.long)
            bc = torch.full_like(best, c0, dtype=torch.long)
            for i in range(kh):
                for j in range(kw):
                    v = x[:, :, r0 + i, c0 + j]
                    better = v >= best
                    best = torch.where(better, v, best)
                    br = torch.where(better, r0 + i, br)
                    bc = torch.where(better, c0 + j, bc)
            flat = grad_x.view(n, c, h * w)
            flat.scatter_add_(2, (br * w + bc)[..., None], grad_output[:, :, oi, oj][..., None])
    return grad_x
