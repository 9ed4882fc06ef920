# mutant: window loop that assigns the gradient at the argmax (=) instead of adding (+=)
# expect: overwrote each other's gradient
import torch


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def maxpool2d_backward(grad_output, x, kernel_size, stride=None):
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(kernel_size if stride is None else stride)
    n, c, h, w = x.shape
    grad_x = torch.zeros_like(x)
    flat_g = grad_x.view(n, c, h * w)
    for oi in range(grad_output.shape[2]):
        for oj in range(grad_output.shape[3]):
            win = x[:, :, oi * sh: oi * sh + kh, oj * sw: oj * sw + kw].reshape(n, c, -1)
            a = win.argmax(-1)                                          # (N, C)
            pos = (oi * sh + a // kw) * w + (oj * sw + a % kw)
            flat_g.scatter_(2, pos[..., None], grad_output[:, :, oi, oj][..., None])
    return grad_x
