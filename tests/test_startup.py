"""Commands that run no exercise must not import torch (it costs seconds at startup)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

PROBE = textwrap.dedent("""
    import os, sys
    from typer.testing import CliRunner
    import dlquiz.cli

    runner = CliRunner()
    loaded = []

    def invoke(*args):
        result = runner.invoke(dlquiz.cli.app, list(args))
        assert result.exit_code == 0, (args, result.output, result.exception)
        heavy = sorted(m for m in sys.modules if m == "torch" or m.startswith("torch.") or m == "numpy")
        if heavy:
            loaded.append((args, heavy[:3]))

    invoke("--help")
    invoke("list")
    invoke("list", "--json")
    invoke("init", "ws")
    os.chdir("ws")
    invoke("show", "softmax_grad")
    invoke("hint", "softmax_grad")
    invoke("progress")
    invoke("solution", "softmax_grad", "--force")
    invoke("reset", "softmax_grad", "--yes")
    invoke("check")
    assert not loaded, f"imported torch/numpy: {loaded}"
    print("no torch")
""")


def test_commands_without_a_run_do_not_import_torch(isolated):
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=isolated, env=dict(os.environ),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no torch" in proc.stdout
