#!/usr/bin/env bash
# Every check that needs a GPU, in one command (a few minutes on an H100 or H200):
#
#     bash benchmarks/gpu_check.sh [OUT_DIR]        # default: $OUT, else ./gpu-out
#
# 1. the CUDA-marked tests (CUDA timing, the memory cap, the float16 bench, dev check on
#    CUDA of the half-precision exercises);
# 2. `dlquiz dev check --device cuda`: every exercise proven on CUDA kernels;
# 3. benchmarks/bench_gpu.py: the float16 attention table next to triton.testing.do_bench.
#
# Runs from a source checkout without installing dlquiz (PYTHONPATH), so a machine that
# has torch, typer, rich, PyYAML and pytest needs nothing else. Each step writes its log
# to OUT_DIR; a step that fails does not stop the next. Exit code: the number of failed steps.
set -u
cd "$(dirname "$0")/.."
out="${1:-${OUT:-gpu-out}}"
mkdir -p "$out"
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1 COLUMNS=160
py="${PYTHON:-python3}"
failed=0

step() {  # step NAME SECONDS COMMAND...: run COMMAND under a time limit, log to OUT_DIR/NAME.txt
    local name="$1" limit="$2"
    shift 2
    echo "== $name: $*"
    timeout "$limit" "$@" >"$out/$name.txt" 2>&1
    local rc=$?
    tail -n 40 "$out/$name.txt"
    echo "== $name: exit $rc"
    [ "$rc" -eq 0 ] || failed=$((failed + 1))
}

{
    nvidia-smi -L 2>&1 || true
    "$py" -c 'import sys, torch; print(sys.version.split()[0], "torch", torch.__version__, "cuda", torch.version.cuda,
"available", torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else "")'
} >"$out/environment.txt" 2>&1
cat "$out/environment.txt"

step pytest_cuda 240 "$py" -m pytest -q -p no:cacheprovider -m cuda tests/test_bench.py tests/test_sandbox.py tests/test_cli.py \
    tests/test_devcheck.py
step devcheck_cuda 300 "$py" -m dlquiz dev check --device cuda
step bench_gpu 300 "$py" benchmarks/bench_gpu.py --out "$out"
echo "gpu_check: $failed step(s) failed; logs in $out"
exit "$failed"
