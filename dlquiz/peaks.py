"""Datasheet peaks of known GPUs, for `dlquiz bench`'s "% of peak" (no torch here).

Dense tensor-core rates (no 2:4 sparsity) in TFLOP/s and HBM/GDDR bandwidth in GB/s, from
NVIDIA's datasheets (H100/H200: "NVIDIA H100 Tensor Core GPU" and "NVIDIA H200 Tensor Core
GPU" datasheets; A100, L4, L40S, RTX 4090 (Ada whitepaper, FP16 with FP32 accumulate),
V100, T4 likewise). fp16 stands for fp16 and bf16 alike (the same rate on every GPU here);
tf32 applies to float32 matmuls only when TF32 is allowed; fp64 is the FP64 tensor rate
where there is one. Matching is on torch.cuda.get_device_name(), first pattern wins.
"""

from __future__ import annotations

#          pattern (lower case)   name              fp16    tf32   fp32   fp64   GB/s
_TABLE = [
    ("h200 nvl",            "H200 NVL",             835.5, 417.5, 60.0, 30.0, 4800),
    ("h200",                "H200 SXM",             989.4, 494.7, 66.9, 66.9, 4800),
    ("h100 nvl",            "H100 NVL",             835.5, 417.5, 60.0, 30.0, 3900),
    ("h100 pcie",           "H100 PCIe",            756.5, 378.0, 51.2, 51.2, 2000),
    ("h100",                "H100 SXM",             989.4, 494.7, 66.9, 66.9, 3350),
    ("a100-sxm4-80gb",      "A100 SXM4 80GB",       312.0, 156.0, 19.5, 19.5, 2039),
    ("a100-sxm4-40gb",      "A100 SXM4 40GB",       312.0, 156.0, 19.5, 19.5, 1555),
    ("a100 80gb pcie",      "A100 PCIe 80GB",       312.0, 156.0, 19.5, 19.5, 1935),
    ("a100-pcie-40gb",      "A100 PCIe 40GB",       312.0, 156.0, 19.5, 19.5, 1555),
    ("l40s",                "L40S",                 362.0, 183.0, 91.6, None, 864),
    ("l4",                  "L4",                   121.0, 60.0, 30.3, None, 300),
    ("rtx 4090",            "GeForce RTX 4090",     165.2, 82.6, 82.6, None, 1008),
    ("v100",                "V100",                 125.0, None, 15.7, 7.8, 900),
    ("t4",                  "T4",                   65.0, None, 8.1, None, 320),
]


def lookup(device_name: str) -> dict | None:
    """The table row for a device name, or None for CPUs and GPUs not in the table."""
    low = (device_name or "").lower()
    for pattern, name, fp16, tf32, fp32, fp64, gbps in _TABLE:
        if pattern in low:
            return {"name": name, "fp16": fp16, "bf16": fp16, "tf32": tf32, "fp32": fp32, "fp64": fp64,
                    "gb_per_s": gbps}
    return None


def peak(env: dict, roofline: dict | None = None) -> dict:
    """{flops_per_s, bytes_per_s, source} for the sweep's device and dtype.

    From the table for a known GPU (float32 uses the TF32 rate only when TF32 matmuls are
    allowed, as recorded in env); otherwise from the measured roofline (copy bandwidth,
    matmul rate at the same dtype); missing values are None.
    """
    row = lookup(env.get("device_name", "")) if env.get("device") == "cuda" else None
    if row is not None:
        key = {"float16": "fp16", "bfloat16": "bf16", "float64": "fp64"}.get(env.get("dtype"), "fp32")
        if key == "fp32" and env.get("tf32_matmul") and row["tf32"]:
            key = "tf32"
        tflops = row[key]
        return {"flops_per_s": tflops * 1e12 if tflops else None, "bytes_per_s": row["gb_per_s"] * 1e9,
                "source": f"{row['name']} datasheet, dense {key}"}
    if roofline:
        return {"flops_per_s": roofline.get("matmul_flops_per_s"), "bytes_per_s": roofline.get("copy_bytes_per_s"),
                "source": f"measured here: {roofline.get('matmul_size')}² matmul and a large copy"}
    return {"flops_per_s": None, "bytes_per_s": None, "source": "unknown"}
