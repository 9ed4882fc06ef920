"""render: verdict screens rendered into a plain-text console."""

from __future__ import annotations

from io import StringIO

import torch

from dlquiz import render
from dlquiz.compare import compare


def screen(report: dict, **kwargs) -> str:
    buf = StringIO()
    render.verdict(render_console(buf), report, **kwargs)
    return buf.getvalue()


def render_console(buf: StringIO):
    from rich.console import Console

    return Console(file=buf, width=100, color_system=None)


def failing_case(name: str, got_scale: float, detail: bool = True) -> dict:
    e = torch.arange(12, dtype=torch.float64).reshape(3, 4) + 1
    m = compare(e, (e * got_scale).float(), dtype="float32", rtol=1.3e-6, atol=1e-5, device="cpu", detail=detail)
    return {"name": name, "why": "a small matrix", "random": False, "dtype": "float32", "params": {},
            "inputs": {"x": "(3, 4) float32"}, "status": "fail", "message": f"{m['path']}: {m['message']}",
            "mismatch": m, "diagnosis": m["diagnosis"], "max_abs": m["max_abs"]}


def report(cases: list[dict], **extra) -> dict:
    base = {"format_version": 1, "exercise": "double", "status": "fail", "device": "cpu", "seed": 42,
            "learner_file": "exercises/double.py", "cases": cases, "timing": None, "error": None,
            "stdout": "", "stderr": ""}
    base.update(extra)
    return base


def test_failing_verdict_shows_the_key_lines():
    cases = [failing_case("small", 1.5), failing_case("random_00", 1.5, detail=False),
             {"name": "random_01", "status": "error", "message": "ValueError: boom", "diagnosis": []},
             {"name": "random_02", "status": "pass", "message": ""}]
    text = screen(report(cases, stdout="debug print\n"))
    lines = text.splitlines()
    assert lines[0] == "✗ double · 3 of 4 cases failed · cpu · seed 42"
    assert "✗ case small — a small matrix" in text
    assert "inputs  x (3, 4) float32" in text
    assert "output: 12 of 12 elements differ (100.0%)" in text
    assert "max abs error 6 at [2, 3]" in text and "allowed 1.000e-05 + 1.300e-06·|expected|" in text
    assert "max rel error 0.5" in text
    assert "worst elements" in text
    worst = lines.index(next(ln for ln in lines if "worst elements" in ln))
    assert lines[worst + 1].split() == ["index", "expected", "got", "diff"]
    assert lines[worst + 2].split() == ["[2,", "3]", "12", "18", "6"]
    assert "expected | got" in text  # the side-by-side grid
    assert "likely cause: every element is off by the same factor ×1.5 (= 3/2)" in text
    assert "Other failing cases:" in text and "1 more with the same problem" in text
    assert "random_01  raised an exception: ValueError: boom" in text
    assert "your code printed" in text and "debug print" in text
    flat = " ".join(text.split())
    assert flat.endswith("Next: edit exercises/double.py, then run `dlquiz run double`. "
                         "Same cases: --seed 42; only this case: --case small.")


def test_next_line_replaces_the_advice():
    text = screen(report([failing_case("small", 2.0)]), next_line="Next: try harder.")
    assert "Next: try harder. Same cases: --seed 42; only this case: --case small." in " ".join(text.split())


def test_case_with_a_location_and_traceback():
    case = {"name": "small", "status": "error", "message": "ValueError: boom", "diagnosis": [],
            "where": {"file": "exercises/double.py", "line": 6, "function": "double", "code": "raise"},
            "traceback": '  File "exercises/double.py", line 6, in double\n    raise\nValueError: boom'}
    text = screen(report([case]))
    assert "raised an exception: ValueError: boom" in text
    assert 'File "exercises/double.py", line 6, in double' in text
    forbidden = dict(case, status="forbidden", message="calls torch.mul, which this exercise forbids",
                     traceback=None)
    text = screen(report([forbidden]))
    assert "forbidden call: calls torch.mul" in text
    assert "at exercises/double.py:6 in double   raise" in text


def test_aborted_run():
    case = {"name": "small", "status": "timeout", "message": "did not finish within 10 s", "diagnosis": []}
    text = screen(report([case], aborted=True))
    assert "the run was cut short" in text and "timed out: did not finish within 10 s" in text


def test_error_verdict():
    error = {"kind": "syntax", "message": "your file could not be imported: SyntaxError",
             "traceback": '  File "double.py", line 6\n    return (x + x]\n                 ^\nSyntaxError: x',
             "where": {"file": "double.py", "line": 6}}
    text = screen(report([], status="error", error=error, learner_file="double.py"))
    assert text.splitlines()[0] == "✗ double · your file could not be imported: SyntaxError"
    assert 'File "double.py", line 6' in text and "SyntaxError: x" in text
    assert "Next: fix double.py, then run `dlquiz run double`." in text


def test_pass_verdict_with_timing():
    timing = {"case": "medium", "dtype": "float32", "threads": 1,
              "learner": {"median_s": 2.0e-5, "runs": 50}, "reference": {"median_s": 1.0e-5, "runs": 50}}
    cases = [{"name": f"c{i}", "status": "pass"} for i in range(5)]
    text = screen(report(cases, status="pass", timing=timing, stdout="hello\n", stderr="noise\n"))
    assert text.splitlines()[0] == "✓ double · all 5 cases passed · cpu · seed 42"
    assert "time  yours 20.0 µs · reference 10.0 µs  (2.00× slower than the reference)" in text
    assert "case medium (float32, 1 CPU thread), median of 50 interleaved runs" in text
    assert "hello" in text and "noise" not in text  # stderr only shown on failure


def test_fmt_time():
    assert render.fmt_time(None) == "—"
    assert render.fmt_time(2.5e-6) == "2.5 µs"
    assert render.fmt_time(0.0123) == "12.30 ms"
    assert render.fmt_time(3.0) == "3.00 s"


def test_the_case_dtype_is_left_out_when_no_input_is_a_tensor():
    words = {"name": "ties", "why": "", "random": False, "dtype": "float64", "params": {},
             "inputs": {"words": "{'low': 5}", "num_merges": "10"}, "status": "fail",
             "message": "output[0][0]: expected 'e', got 'n'", "diagnosis": []}
    text = screen(report([words]))
    assert "  device cpu · seed 42" in text and "dtype" not in text
    text = screen(report([failing_case("small", 1.5)]))
    assert "  device cpu · dtype float32 · seed 42" in text
