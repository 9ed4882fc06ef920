"""The 14 syllabus topics, in teaching order. Keys are what specs and `--topic` use."""

from __future__ import annotations

TOPICS: dict[str, str] = {
    "python": "Python for training code",
    "probability": "Probability and information",
    "activations": "Activations, forward and backward",
    "tensors": "Tensor mechanics",
    "layers": "Layers",
    "normalization": "Normalization",
    "losses": "Losses",
    "backprop": "Backpropagation",
    "autograd": "Autograd and nn.Module",
    "optimization": "Optimization",
    "attention": "Attention and Transformers",
    "tokenization": "Tokenization",
    "training": "Training practice",
    "performance": "Performance",
}

TOPIC_ORDER = {key: i for i, key in enumerate(TOPICS)}


def check_topic(topic: str | None) -> None:
    """Refuse an unknown topic key with one sentence (and the closest match)."""
    if topic is None or topic in TOPICS:
        return
    import difflib

    from dlquiz.errors import DlquizError

    close = difflib.get_close_matches(topic, list(TOPICS), n=1)
    raise DlquizError(f"unknown topic {topic!r}.",
                      hint=(f"Did you mean {close[0]!r}? " if close else "") + "Topics: " + ", ".join(TOPICS))
