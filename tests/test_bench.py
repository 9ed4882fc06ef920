"""`dlquiz bench`: formulas, the `bench:` spec section, the timing core, peaks, and CPU sweeps
of the real attention exercise on tiny sizes (CUDA tests are skipped without a GPU)."""

from __future__ import annotations

import csv
import math
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURE_CATALOG, REPO
from dlquiz import bench, formula, peaks
from dlquiz.errors import DlquizError
from dlquiz.spec import load_spec

SOLUTION = REPO / "solutions" / "attention.py"
FAST = ("--budget", "0.02")
# Right up to the scale, which is 1/E instead of 1/sqrt(E).
WRONG = '''import torch


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    return torch.softmax(q @ k.transpose(-2, -1) / q.shape[-1], -1) @ v
'''
# Right, but asks for 1 TiB on every size with 128 queries or more.
GREEDY = '''import math

import torch


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    if q.shape[-2] >= 128:
        torch.empty(1 << 40, dtype=torch.uint8)
    return torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1]), -1) @ v
'''


def learner(tmp_path: Path, text: str, name: str = "mine.py") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- formulas ---------------------------------------------------------------------------------
def test_formula_evaluates_arithmetic_over_size_names():
    assert formula.evaluate("2 * B * H * L * S * (E + Ev)", dict(B=1, H=2, L=16, S=16, E=8, Ev=8)) == 16384
    assert formula.evaluate("elem * max(N, 3) // 2 + -1 ** 2", {"N": 4, "elem": 2}) == 3
    assert formula.names("4 * N * min(C, 8)") == {"N", "C"}


@pytest.mark.parametrize("text, problem", [
    ("__import__('os').system('x')", "only calls of min max"),
    ("N.real", "Attribute is not allowed"),
    ("[N][0]", "Subscript is not allowed"),
    ("'a' * N", "constant 'a' is not a number"),
    ("{N}", "Set is not allowed"),
    ("lambda: 1", "Lambda is not allowed"),
    ("N +", "is not an expression"),
])
def test_formula_rejects_anything_but_arithmetic(text, problem):
    with pytest.raises(formula.FormulaError, match=problem):
        formula.parse(text)


def test_formula_checks_names_and_limits():
    with pytest.raises(formula.FormulaError, match="uses 'Q', which is not a size name"):
        formula.check("N * Q", {"N"})
    formula.check("N * elem", {"N"})
    with pytest.raises(formula.FormulaError, match="too large"):
        formula.evaluate("N ** 1000000", {"N": 2})
    with pytest.raises(formula.FormulaError, match="division by zero"):
        formula.evaluate("N / (N - N)", {"N": 2})


# -- the bench: section ----------------------------------------------------------------------
VALID = FIXTURE_CATALOG / "exercises" / "double"
BENCH = '''bench:
  sizes:
    - {name: big, N: 1024}
  cpu_sizes:
    - {name: tiny, N: 8}
  flops: "N"
  bytes: "2 * elem * N"
  baselines: {reference: solution, builtin: torch.add}
'''


def bench_folder(tmp_path: Path, section: str, with_inputs: bool = True) -> Path:
    folder = tmp_path / "double"
    folder.mkdir()
    text = (VALID / "exercise.yaml").read_text(encoding="utf-8")
    (folder / "exercise.yaml").write_text(text.replace("\ncases:\n", "\n" + section + "cases:\n", 1), encoding="utf-8")
    (folder / "starter.py").write_text((VALID / "starter.py").read_text())
    cases = (VALID / "cases.py").read_text()
    if with_inputs:
        cases += "\n\ndef bench_inputs(size, dtype, device, gen):\n    return {'args': [], 'kwargs': {}}\n"
    (folder / "cases.py").write_text(cases)
    return folder


def test_a_bench_section_loads(tmp_path):
    spec = load_spec(bench_folder(tmp_path, BENCH))
    b = spec.bench
    assert [s.name for s in b.sizes] == ["big"] and b.sweep("cpu")[0].values == {"N": 8}
    assert b.sweep("cuda")[0].name == "big"
    assert b.flops == "N" and b.baselines == {"reference": "solution", "builtin": "torch.add"}
    assert b.tol("float16") == (1e-2, 1e-2)
    assert load_spec(VALID).bench is None


@pytest.mark.parametrize("old, new, field, problem", [
    ('flops: "N"', 'flops: "N * Q"', "flops", "size 'big': 'N * Q' uses 'Q', which is not a size name"),
    ('flops: "N"', "flops: \"__import__('os')\"", "flops", "only calls of min max"),
    ('bytes: "2 * elem * N"', "bytes: 3", "bytes", "must be str, got int 3"),
    ("    - {name: big, N: 1024}", "    - {name: big, N: lots}", "sizes", "size 'big': N must be a number"),
    ("    - {name: tiny, N: 8}", "    - {N: 8}", "cpu_sizes", "size 1 must be a mapping with a `name`"),
    ("  sizes:\n    - {name: big, N: 1024}", "  sizes: []", "sizes", "must be a non-empty list"),
    ("    - {name: tiny, N: 8}", "    - {name: tiny, N: 8}\n    - {name: tiny, N: 9}", "cpu_sizes",
     "duplicate size name 'tiny'"),
    ("builtin: torch.add", "builtin: os.system", "baselines", "builtin must be a dotted torch name"),
    ("builtin: torch.add", "fastest: torch.add", "baselines", "unknown baseline 'fastest'"),
    ("reference: solution", "reference: mine", "baselines", "reference must be `solution`"),
    ('flops: "N"', 'flop: "N"', "flop", "unknown key in bench"),
])
def test_bench_section_errors_name_file_line_and_field(tmp_path, old, new, field, problem):
    assert old in BENCH
    section = BENCH.replace(old, new, 1)
    folder = bench_folder(tmp_path, section)
    with pytest.raises(DlquizError) as info:
        load_spec(folder)
    message = info.value.message
    text = (folder / "exercise.yaml").read_text()
    key_line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.strip().startswith(f"{field}:"))
    assert message.startswith(f"{folder / 'exercise.yaml'}:"), message
    line = int(message.split(":")[1])
    assert key_line <= line <= key_line + 2, message
    assert f"field `{field}`" in message and problem in message, message


def test_bench_section_needs_bench_inputs(tmp_path):
    with pytest.raises(DlquizError, match=r"exercise.yaml:\d+: field `bench`: cases.py must define bench_inputs"):
        load_spec(bench_folder(tmp_path, BENCH, with_inputs=False))


BENCHED = ("attention", "softmax_grad", "layernorm_module", "linear_backward", "logsumexp", "cross_entropy_loss",
           "gelu_backward", "rmsnorm_module", "tiled_attention")


def test_the_benched_exercises_have_bench_sections():
    from dlquiz import catalog

    assert {s.id for s in catalog.all_specs() if s.bench is not None} == set(BENCHED)
    for ex_id in BENCHED:
        spec = catalog.get(ex_id)
        assert spec.bench and spec.bench.bytes and (spec.bench.flops or ex_id == "gelu_backward"), ex_id
        assert set(spec.bench.baselines) == {"reference", "builtin"}, ex_id
        assert spec.bench.cpu_sizes[0].name == "tiny", ex_id


# -- peaks, derived numbers --------------------------------------------------------------------
@pytest.mark.parametrize("name, row", [
    ("NVIDIA H100 80GB HBM3", "H100 SXM"), ("NVIDIA H100 PCIe", "H100 PCIe"), ("NVIDIA H200", "H200 SXM"),
    ("NVIDIA H100 NVL", "H100 NVL"), ("NVIDIA A100-SXM4-80GB", "A100 SXM4 80GB"), ("NVIDIA L4", "L4"),
])
def test_known_gpus(name, row):
    assert peaks.lookup(name)["name"] == row


def test_peak_follows_dtype_and_tf32():
    env = {"device": "cuda", "device_name": "NVIDIA H200", "dtype": "float16"}
    assert peaks.peak(env)["flops_per_s"] == pytest.approx(989.4e12)
    assert peaks.peak(env)["bytes_per_s"] == pytest.approx(4.8e12)
    assert peaks.peak({**env, "dtype": "float32"})["flops_per_s"] == pytest.approx(66.9e12)
    assert peaks.peak({**env, "dtype": "float32", "tf32_matmul": True})["flops_per_s"] == pytest.approx(494.7e12)
    measured = peaks.peak({"device": "cpu", "device_name": "x"}, {"matmul_flops_per_s": 5e10,
                                                                 "copy_bytes_per_s": 1e10, "matmul_size": 512})
    assert measured["flops_per_s"] == 5e10 and "measured" in measured["source"]
    assert peaks.lookup("Intel(R) Xeon(R)") is None


def test_speedups_and_geometric_mean():
    from dlquiz import catalog

    spec = catalog.get("attention")
    row = {"size": "tiny", "values": dict(B=1, H=2, L=16, S=16, E=8, Ev=8), "status": "ok", "message": "",
           "impls": {"learner": {"median_s": 1e-3, "iqr_s": 2e-4},
                     "reference": {"median_s": 4e-3, "iqr_s": 1e-5}}}
    bench.derive(row, spec, "float32", {"flops_per_s": 1.6384e8, "bytes_per_s": None})
    mine = row["impls"]["learner"]
    assert row["flops"] == 16384 and row["bytes"] == 4 * 2 * (4 * 16 * 8)
    assert mine["flops_per_s"] == pytest.approx(1.6384e7) and mine["pct_peak_flops"] == pytest.approx(10.0)
    assert mine["pct_peak_bytes"] is None and row["speedup"] == {"reference": pytest.approx(4.0)}
    assert row["noisy"]  # IQR/median = 20 %
    rows = [row, {**row, "speedup": {"reference": 0.25}}]
    assert bench.geomean(rows)["reference"] == pytest.approx(1.0)


def sweep_result(device: str = "cpu") -> dict:
    """A finished three-size attention sweep with every baseline, as bench.finish leaves it."""
    from dlquiz import catalog

    spec = catalog.get("attention")
    rows = []
    for i, (name, L) in enumerate((("tiny", 16), ("small", 128), ("medium", 256))):
        mine = {"median_s": 2e-5 * 10 ** i, "iqr_s": 1e-6 * 10 ** i, "runs": 9, "peak_mem_bytes": 3 << 20}
        rows.append({"size": name, "values": dict(B=2, H=8, L=L, S=L, E=64, Ev=64), "status": "ok", "message": "",
                     "impls": {"learner": mine, "reference": {**mine, "median_s": 3e-5 * 10 ** i},
                               "builtin": {**mine, "median_s": 1e-5 * 10 ** i},
                               "compiled": {**mine, "median_s": 1.5e-5 * 10 ** i}}, "baseline_errors": {}})
    result = {"exercise": "attention", "device": device, "dtype": "float16", "rows": rows,
              "env": {"device": device, "device_name": "NVIDIA H200", "dtype": "float16", "torch": "2.13.0"}}
    return bench.finish(result, spec, "float16")


@pytest.mark.parametrize("width", [160, 120, 100, 80, 60])
@pytest.mark.parametrize("device", ["cpu", "cuda"])
def test_the_table_fits_the_terminal_without_cutting_a_number(width, device):
    import io

    from rich.console import Console

    from dlquiz import benchview

    buf = io.StringIO()
    benchview.table(Console(file=buf, width=width, highlight=False, color_system=None), sweep_result(device))
    text = buf.getvalue()
    assert "…" not in text, text
    assert max(len(line) for line in text.splitlines()) <= width
    for figure in ("20.0 µs", "2.00 ms", "1.50×", "0.50×", "0.75×", "B=2 H=8 L=256 S=256 E=64 Ev=64"[:12]):
        assert figure in text, (figure, text)
    if width >= 100:
        assert "FLOP/s" in text and "shape" in text
    if width >= 160:
        assert "B/s" in text and "B=2 H=8 L=256 S=256 E=64 Ev=64" in text
    if device == "cuda" and width >= 80:
        assert "peak mem" in text and "3.0 MiB" in text


# -- timing core -----------------------------------------------------------------------------
def test_cpu_timing_is_blocked_and_interleaved():
    from dlquiz import timing

    order: list[str] = []
    result = timing.measure_cpu({"a": lambda: order.append("a"), "b": lambda: order.append("b")},
                                budget_s=0.02, min_runs=3, max_runs=5, block_s=0.001)
    for name in ("a", "b"):
        t = result[name]
        assert t["runs"] >= 3 and t["number_per_run"] > 1 and t["median_s"] > 0
    # After the warm-up and the block-size search, blocks alternate: a…a b…b a…a b…b
    n = result["a"]["number_per_run"]
    timed = order[-(result["a"]["runs"] * n + result["b"]["runs"] * result["b"]["number_per_run"]):]
    assert timed[:n] == ["a"] * n and timed[n] == "b"


class _Stream:
    """A stand-in for torch.cuda on a machine without a GPU: it logs what the timing core
    asks of the device in order, so that the order of flushes, events and synchronizes
    (which no CPU run exercises) is checked in CI. The GPU test below checks the figures."""

    def __init__(self):
        self.log: list[str] = []
        stream = self

        class Event:
            def __init__(self, enable_timing=False):
                assert enable_timing
                self.t = None

            def record(self):
                stream.log.append("record")
                self.t = time.perf_counter()

            def elapsed_time(self, end):  # milliseconds, as CUDA reports them
                assert stream.log[-1] == "sync", "an event read before the device was synchronized"
                return (end.t - self.t) * 1e3

        self.Event = Event

    def synchronize(self):
        self.log.append("sync")


def test_cuda_timing_order_of_flush_events_and_synchronize(monkeypatch):
    import types

    import torch

    from dlquiz import timing

    fake = _Stream()
    flush = torch.empty(16, dtype=torch.int8)
    real_zero = flush.zero_
    shim = types.SimpleNamespace(cuda=fake, int8=torch.int8,
                                 empty=lambda n, dtype, device: (fake.log.append(f"alloc {n} {device}"), flush)[1])
    monkeypatch.setattr(timing, "torch", shim)
    monkeypatch.setattr(flush, "zero_", lambda: (fake.log.append("flush"), real_zero())[1], raising=False)
    calls = {"a": lambda: fake.log.append("a"), "b": lambda: (time.sleep(0.002), fake.log.append("b"))}
    result = timing.measure_cuda(calls, budget_s=0.05, min_runs=4, max_runs=6, warmup_s=0.001)
    log = fake.log
    assert log[0] == f"alloc {timing.FLUSH_BYTES} cuda"
    first = log.index("flush")
    assert log[1:first].count("a") >= 2 and log[1:first].count("b") >= 2  # warm-up before any timed call
    timed = log[first - 1:]  # each timed call: sync, flush, record, call, record
    rounds, k = [], 0
    while k < len(timed):
        assert timed[k:k + 2] == ["sync", "flush"], timed[k:k + 6]
        assert timed[k + 2] == "record" and timed[k + 4] == "record", timed[k:k + 6]
        rounds.append(timed[k + 3])
        k += 5
        if k < len(timed) and timed[k] == "sync" and (k + 1 == len(timed) or timed[k + 1] == "sync"):
            k += 1  # the synchronize that ends a round, before its events are read
    assert rounds[:4] == ["a", "b", "b", "a"]  # interleaved, the first slot rotating
    assert result["a"]["runs"] == result["b"]["runs"] >= 4
    assert result["b"]["median_s"] >= 0.002 > result["a"]["median_s"]


@pytest.mark.cuda
def test_cuda_timing_with_events_and_flush():
    import torch

    from dlquiz import timing

    a = torch.randn(2048, 2048, device="cuda")
    result = timing.measure_cuda({"mm": lambda: a @ a, "add": lambda: a + a}, budget_s=0.3)
    assert result["mm"]["median_s"] > result["add"]["median_s"] > 0


# -- the command on CPU ------------------------------------------------------------------------
def test_bench_table_on_cpu(cli):
    res = cli("bench", "attention", "--solution", SOLUTION, "--sizes", "tiny", *FAST)
    assert res.code == 0, res.text
    out = res.out
    assert out.startswith("bench attention · cpu · float32 · 1 thread · torch ")
    for text in ("size", "shape", "time", "IQR", "FLOP/s", "%peak", "vs ref", "vs builtin",
                 "B=1 H=2 L=16 S=16 E=8 Ev=8", "throughput (FLOP/s) by size", "yours", "█",
                 "geometric-mean speedup over 1 size:", "× vs reference · ", "× vs builtin",
                 "measured here"):
        assert text in out, (text, out)
    assert "Traceback" not in res.text


def test_bench_json_and_csv(cli, isolated):
    res = cli("bench", "attention", "--solution", SOLUTION, "--sizes", "tiny", "--json", "--csv", "rows.csv", *FAST)
    assert res.code == 0, res.text
    data = res.json()
    assert data["exercise"] == "attention" and data["device"] == "cpu" and data["dtype"] == "float32"
    env = data["env"]
    for key in ("torch", "device_name", "dtype", "threads", "tf32_matmul", "tf32_cudnn", "python"):
        assert key in env, key
    assert env["threads"] == 1 and data["interrupted"] is False
    assert data["roofline"]["copy_bytes_per_s"] > 0 and data["roofline"]["matmul_flops_per_s"] > 0
    row = data["rows"][0]
    assert row["size"] == "tiny" and row["status"] == "ok" and row["flops"] == 16384
    for name in ("learner", "reference", "builtin"):
        t = row["impls"][name]
        assert t["median_s"] > 0 and t["runs"] >= 7 and t["flops_per_s"] > 0 and "spread" in t, name
    assert set(row["speedup"]) == {"reference", "builtin"}
    assert set(data["geomean_speedup"]) == {"reference", "builtin"}
    with open(isolated / "rows.csv", newline="") as f:
        lines = list(csv.DictReader(f))
    assert [ln["impl"] for ln in lines] == ["learner", "reference", "builtin"]
    assert lines[0]["torch"] == env["torch"] and lines[0]["dtype"] == "float32" and lines[0]["threads"] == "1"
    assert float(lines[1]["learner_speedup"]) == pytest.approx(row["speedup"]["reference"])


def test_a_wrong_learner_is_not_timed(cli, tmp_path):
    res = cli("bench", "attention", "--solution", learner(tmp_path, WRONG), "--sizes", "tiny,small", "--json", *FAST)
    assert res.code == 1, res.text
    rows = res.json()["rows"]
    assert [r["status"] for r in rows] == ["incorrect", "incorrect"]
    assert all(r["impls"] == {} and r["speedup"] == {} for r in rows)
    assert "elements differ" in rows[0]["message"]
    text = render(res.json())
    assert "tiny: incorrect — output: " in text and "small: incorrect — output: " in text
    assert "geometric-mean" not in text and "Next: make `dlquiz run attention` pass, then bench again." in text


def render(result: dict) -> str:
    import io

    from rich.console import Console

    from dlquiz import benchview

    buf = io.StringIO()
    benchview.bench(Console(file=buf, width=150, highlight=False, color_system=None), result)
    return buf.getvalue()


def test_out_of_memory_in_one_size_keeps_the_sweep_going(cli, tmp_path):
    res = cli("bench", "attention", "--solution", learner(tmp_path, GREEDY), "--sizes", "small,tiny", *FAST)
    assert res.code == 1, res.text
    assert "out of memory" in res.out
    assert "small: out of memory — ran out of memory: tried to allocate a block of 1024.0 GiB" in res.out
    tiny = next(ln for ln in res.out.splitlines() if ln.startswith("tiny "))
    assert "µs" in tiny and "×" in tiny
    small = next(ln for ln in res.out.splitlines() if ln.startswith("small "))
    assert "out of memory" in small and "µs" not in small


def test_a_size_too_big_for_the_truth_is_an_out_of_memory_row(cli, tmp_path, monkeypatch):
    """The reference's own float64 truth not fitting is the size's problem: its row says so
    and the next size still runs (the sweep never dies on one size)."""
    import shutil

    catalog_root = tmp_path / "catalog"
    shutil.copytree(FIXTURE_CATALOG, catalog_root)
    folder = catalog_root / "exercises" / "double"
    text = (folder / "exercise.yaml").read_text(encoding="utf-8")
    section = ("bench:\n  sizes:\n    - {name: huge, N: 40}\n    - {name: big, N: 29}\n    - {name: fine, N: 8}\n"
               "  flops: \"N\"\n  bytes: \"2 * elem * N\"\n  baselines: {reference: solution}\n")
    (folder / "exercise.yaml").write_text(text.replace("\ncases:\n", "\n" + section + "cases:\n", 1))
    with open(folder / "cases.py", "a", encoding="utf-8") as f:
        f.write("\n\ndef bench_inputs(size, dtype, device, gen):\n"
                "    n = int(size['N'])\n"
                "    if n > 32:\n"
                "        return {'args': [torch.ones(2 ** n, dtype=torch.uint8)], 'kwargs': {}}\n"
                "    x = torch.ones(2 ** n if n > 16 else n, dtype=dtype)\n"
                "    return {'args': [x.to(dtype)], 'kwargs': {}}\n")
    monkeypatch.setenv("DLQUIZ_CATALOG", str(catalog_root))
    solution = catalog_root / "solutions" / "double.py"
    res = cli("bench", "double", "--solution", solution, "--sizes", "huge,fine", "--json", *FAST)
    rows = res.json()["rows"]
    assert [r["status"] for r in rows] == ["oom", "ok"], rows
    assert rows[0]["message"].startswith("the inputs of this size do not fit: ran out of memory")
    # 2²⁹ float16 inputs fit in 1 GiB; their float32 truth and its result do not.
    res = cli("bench", "double", "--solution", solution, "--sizes", "big,fine", "--dtype", "float16", "--json", *FAST)
    rows = res.json()["rows"]
    assert [r["status"] for r in rows] == ["oom", "ok"], rows
    assert rows[0]["message"].startswith("the float32 truth of this size does not fit: ran out of memory"), rows


def test_interrupt_prints_the_rows_done(cli, monkeypatch):
    from dlquiz import runner  # where the sweep looks run_job up

    real = runner.run_job
    calls = []

    def run_then_interrupt(*args, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(runner, "run_job", run_then_interrupt)
    res = cli("bench", "attention", "--solution", SOLUTION, "--sizes", "tiny,small", *FAST)
    assert res.code == 130, res.text
    assert "tiny " in res.out and "small " not in res.out
    assert "Interrupted: the rows above are the 1 size that finished." in res.out


# Right on tiny; on small it leaves a mark (so the test knows it is there) and loops forever.
HANGS = GREEDY.replace("torch.empty(1 << 40, dtype=torch.uint8)",
                       "open(__import__('os').environ['BENCH_MARK'], 'w').close()\n"
                       "        while True:\n            pass")


def test_ctrl_c_prints_the_finished_rows_and_kills_the_worker(tmp_path, isolated):
    import os
    import signal
    import time
    import uuid

    from test_interrupt import tagged_processes, wait_for

    tag, mark = uuid.uuid4().hex, tmp_path / "looping"
    env = dict(os.environ, BENCH_MARK=str(mark), DLQUIZ_TEST_TAG=tag, COLUMNS="150")
    proc = subprocess.Popen([sys.executable, "-m", "dlquiz", "bench", "attention", "--solution",
                             str(learner(tmp_path, HANGS)), "--sizes", "tiny,small", *FAST],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert wait_for(mark.exists, 60), proc.communicate(timeout=30)
    t0 = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, out + err
    assert time.monotonic() - t0 < 10
    assert "tiny " in out and "µs" in out and "small " not in out.split("Interrupted")[0].split("geometric")[0]
    assert "Interrupted: the rows above are the 1 size that finished." in out
    assert "interrupted: stopped" in err and "Traceback" not in err
    assert wait_for(lambda: not tagged_processes(tag), 10), tagged_processes(tag)


def test_usage_errors_exit_2_with_one_sentence(cli):
    no_bench = cli("bench", "noncontiguous_view")
    assert no_bench.code == 2 and "Traceback" not in no_bench.text
    assert no_bench.err.startswith("error: noncontiguous_view has no bench section, so there is nothing to sweep.")
    assert "attention" in no_bench.err
    size = cli("bench", "attention", "--solution", SOLUTION, "--sizes", "huge")
    assert size.code == 2 and "attention has no bench size named 'huge'." in size.err
    assert "Sizes on cpu: tiny, small, medium; on cuda: L512," in " ".join(size.err.split())
    dtype = cli("bench", "attention", "--solution", SOLUTION, "--dtype", "half")
    assert dtype.code == 2 and "unknown dtype 'half'." in dtype.err
    nowhere = cli("bench", "attention", "--solution", SOLUTION, "--csv", "no/such/folder/rows.csv")
    assert nowhere.code == 2 and "its folder does not exist" in nowhere.err


def test_cuda_without_a_gpu_is_one_sentence(cli):
    import torch

    if torch.cuda.is_available():
        pytest.skip("a CUDA device is present")
    res = cli("bench", "attention", "--solution", SOLUTION, "--device", "cuda", "--sizes", "L512")
    assert res.code == 2, res.text
    assert res.err.strip() == "error: --device cuda was asked for, but no CUDA device is available here."


def test_bench_modules_do_not_import_torch():
    probe = "import sys, dlquiz.bench, dlquiz.benchview, dlquiz.cli; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_bench_uses_the_workspace_file(cli, workspace):
    import shutil

    shutil.copy(SOLUTION, workspace / "exercises" / "attention.py")
    res = cli("bench", "attention", "--sizes", "tiny", "--json", *FAST)
    assert res.code == 0, res.text
    data = res.json()
    assert data["learner_file"] == str(workspace / "exercises" / "attention.py")
    assert data["rows"][0]["status"] == "ok"


def test_the_untouched_starter_stops_the_sweep_after_one_size(cli, workspace):
    res = cli("bench", "attention", *FAST)
    assert res.code == 1, res.text
    assert [ln.split()[0] for ln in res.out.splitlines() if ln.startswith(("tiny ", "small ", "medium "))] == ["tiny"]
    out = " ".join(res.out.split())
    assert "tiny: error — NotImplementedError" in out
    assert "your `scaled_dot_product_attention` still raises NotImplementedError, as the starter does" in out


@pytest.mark.parametrize("ex_id", [e for e in BENCHED if e != "attention"])
def test_the_other_exercises_bench_their_solutions(cli, ex_id):
    res = cli("bench", ex_id, "--solution", REPO / "solutions" / f"{ex_id}.py", "--sizes", "tiny", "--json", *FAST)
    assert res.code == 0, res.text
    row = res.json()["rows"][0]
    assert row["status"] == "ok" and set(row["impls"]) == {"learner", "reference", "builtin"}, row
    assert row["bytes"] > 0 and (row["flops"] or 0) >= 0


@pytest.mark.parametrize("ex_id, mutant", [
    ("softmax_grad", "sum_of_g"), ("layernorm_module", "unbiased_variance"), ("linear_backward", "dw_transposed"),
    ("logsumexp", "max_not_added_back"), ("cross_entropy_loss", "calls_nll_loss"), ("gelu_backward", "forgets_x_pdf"),
    ("rmsnorm_module", "subtracts_mean"), ("tiled_attention", "no_scale"),
])
def test_a_known_wrong_file_is_not_timed_in_any_benched_exercise(cli, ex_id, mutant):
    """Correctness gating in every bench section: a mutant that is wrong on plain inputs
    (or calls a forbidden op) gets a status and a message, and no time."""
    res = cli("bench", ex_id, "--solution", REPO / "tests" / "mutants" / ex_id / f"{mutant}.py", "--sizes", "tiny",
              "--json", *FAST)
    assert res.code == 1, res.text
    row = res.json()["rows"][0]
    assert row["status"] in ("incorrect", "forbidden", "error"), row
    assert row["impls"] == {} and row["message"], row


def test_peak_memory_on_the_cpu_shows_an_n_squared_jacobian(cli):
    """The O(n²) mistake is visible in the table: the full-Jacobian softmax backward holds
    N·C·C floats at once where the reference holds a few N·C."""
    mutant = REPO / "tests" / "mutants" / "softmax_grad" / "full_jacobian.py"
    res = cli("bench", "softmax_grad", "--solution", mutant, "--sizes", "tiny", "--json", *FAST)
    assert res.code == 0, res.text
    impls = res.json()["rows"][0]["impls"]
    n, c = 8, 16
    assert impls["learner"]["peak_mem_bytes"] >= 2 * n * c * c * 4  # the Jacobian and the outer product
    assert 0 < impls["reference"]["peak_mem_bytes"] <= 4 * n * c * 4
    same = cli("bench", "softmax_grad", "--solution", REPO / "solutions" / "softmax_grad.py", "--sizes", "tiny",
               "--json", *FAST).json()["rows"][0]["impls"]
    assert same["learner"]["peak_mem_bytes"] == same["reference"]["peak_mem_bytes"]  # exact, not sampled
    assert "peak mem" in render(res.json())


# -- on a GPU ----------------------------------------------------------------------------------
@pytest.mark.cuda
def test_bench_attention_float16_on_cuda(cli):
    res = cli("bench", "attention", "--solution", SOLUTION, "--device", "cuda", "--dtype", "float16",
              "--sizes", "L512", "--budget", "0.3", "--json")
    assert res.code == 0, res.text
    data = res.json()
    row = data["rows"][0]
    assert row["status"] == "ok" and data["env"]["device"] == "cuda"
    assert "tf32_matmul" in data["env"] and data["env"]["device_name"]
    mine = row["impls"]["learner"]
    assert mine["peak_mem_bytes"] > 0 and mine["flops_per_s"] > 0
    # The naive reference materializes (B, H, L, S) scores; the fused built-in does not.
    assert row["impls"]["reference"]["peak_mem_bytes"] > row["impls"]["builtin"]["peak_mem_bytes"]
    assert math.isfinite(row["speedup"]["builtin"])
    if data["peak"]["source"] != "unknown":
        assert mine["pct_peak_flops"] is not None


@pytest.mark.slow
def test_compile_baseline(cli):
    res = cli("bench", "attention", "--solution", SOLUTION, "--sizes", "tiny", "--compile", "--json", *FAST)
    assert res.code == 0, res.text
    row = res.json()["rows"][0]
    assert "compiled" in row["impls"] or "torch.compile is not available here" in row["baseline_errors"]["compiled"]
