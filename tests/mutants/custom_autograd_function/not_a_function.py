# mutant: a plain class with a differentiable apply(); autograd derives the backward
# expect: is a torch.autograd.Function subclass
import torch


class Softplus:
    @staticmethod
    def apply(x, beta=1.0):
        z = beta * x
        return (z.clamp(min=0) + torch.log1p(torch.exp(-z.abs()))) / beta
