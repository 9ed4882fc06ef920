# mutant: label smoothing puts 1-ε on the target and ε/(C-1) on each other class
# expect: not ε/(C − 1)
import torch


def cross_entropy(logits: torch.Tensor, target: torch.Tensor, weight: torch.Tensor | None = None,
                  ignore_index: int = -100, reduction: str = "mean",
                  label_smoothing: float = 0.0) -> torch.Tensor:
    C = logits.shape[1]
    # log p = x - logsumexp(x) over the class dim (1): never exponentiates a large logit.
    logp = logits - torch.logsumexp(logits, dim=1, keepdim=True)     # (N, C, d...)
    if weight is None:
        weight = torch.ones(C, dtype=logits.dtype, device=logits.device)
    valid = target != ignore_index                                  # (N, d...)
    t = torch.where(valid, target, torch.zeros_like(target))         # safe to index with
    w_t = weight[t] * valid                                          # (N, d...), 0 where ignored
    nll = -logp.gather(1, t.unsqueeze(1)).squeeze(1)                 # (N, d...)
    per = w_t * nll
    if label_smoothing:
        # ε/C on every class (the target too), each term with its own class weight.
        w_c = weight.reshape([1, C] + [1] * (logits.dim() - 2))      # (1, C, 1...)
        smooth = -(logp * w_c).sum(1) * valid                        # (N, d...)
        per = (1 - label_smoothing) * per + label_smoothing / (C - 1) * (smooth - per)
    if reduction == "none":
        return per
    if reduction == "sum":
        return per.sum()
    # Mean over the weight of the targets that count; 0/0 = NaN when all are ignored.
    return per.sum() / w_t.sum()
