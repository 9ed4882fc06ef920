# alternative: an explicit loop over output positions with a strict > scan inside each window
import torch


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def maxpool2d_backward(grad_output, x, kernel_size, stride=None):
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(kernel_size if stride is None else stride)
    grad_x = torch.zeros_like(x, memory_format=torch.contiguous_format)
    n, c, ho, wo = grad_output.shape
    for oi in range(ho):
        for oj in range(wo):
            r0, c0 = oi * sh, oj * sw
            best = x[:, :, r0, c0]
            mask = torch.zeros(n, c, kh, kw, dtype=torch.bool, device=x.device)
            mask[:, :, 0, 0] = True
            for i in range(kh):
                for j in range(kw):
                    v = x[:, :, r0 + i, c0 + j]
                    better = v > best            # strict: the first maximum keeps the gradient
                    best = torch.where(better, v, best)
                    mask[better] = False
                    mask[:, :, i, j] |= better
            grad_x[:, :, r0:r0 + kh, c0:c0 + kw] += mask * grad_output[:, :, oi, oj][:, :, None, None]
    return grad_x
