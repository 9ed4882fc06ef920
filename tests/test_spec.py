"""spec.load_spec: a valid spec loads; every error names file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE_CATALOG
from dlquiz import catalog
from dlquiz.errors import DlquizError
from dlquiz.spec import load_spec

VALID = FIXTURE_CATALOG / "exercises" / "double"


def make(tmp_path: Path, text: str, name: str = "double") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "exercise.yaml").write_text(text, encoding="utf-8")
    for f in ("starter.py", "cases.py"):
        (folder / f).write_text((VALID / f).read_text())
    return folder


def valid_text() -> str:
    return (VALID / "exercise.yaml").read_text(encoding="utf-8")


def line_of(text: str, start: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith(start))


def test_the_fixture_spec_loads():
    spec = load_spec(VALID)
    assert spec.id == "double" and spec.topic == "tensors" and spec.entry == "double"
    assert len(spec.hints) == 3 and spec.random_cases == 20 and spec.timeout_s == 30.0
    assert spec.forbid == ("torch.mul", "Tensor.mul")
    assert [c.name for c in spec.cases] == ["small", "square", "medium"]
    assert spec.tol("float32") == (1.3e-6, 1e-5)
    assert spec.text("zh")[0] == "把张量乘以二" and spec.text("zh")[1] == spec.prompt


@pytest.mark.parametrize("old, new, field, problem", [
    ("difficulty: 1", "difficulty: 5", "difficulty", "must be 1, 2 or 3"),
    ("difficulty: 1", "difficulty: easy", "difficulty", "must be int, got str 'easy'"),
    ("topic: tensors", "topic: tensor", "topic", "unknown topic 'tensor'"),
    ("kind: implement", "kind: write", "kind", "unknown kind 'write'"),
    ("entry: double", "entry: 2x", "entry", "'2x' is not a Python name"),
    ("id: double", "id: triple", "id", "must equal the folder name 'double'"),
    ("random_cases: 20", "random_cases: -1", "random_cases", "must be zero or more"),
    ("timing_case: medium", "timing_case: huge", "timing_case", "'huge' is not one of the fixed cases"),
    ("dtypes: [float32, float64, float16, bfloat16]", "dtypes: [float32, float8]", "dtypes", "unknown value 'float8'"),
    ("    params: {shape: [5, 5], dtype: float32}", "    params: {shape: [5, 5], dtype: half}", "params",
     "case 'square': unknown dtype 'half'"),
    ("  - name: square", "  - name: small", "cases", "duplicate case name 'small'"),
])
def test_field_errors_name_file_line_and_field(tmp_path, old, new, field, problem):
    text = valid_text()
    assert old in text
    text = text.replace(old, new, 1)
    folder = make(tmp_path, text)
    with pytest.raises(DlquizError) as info:
        load_spec(folder)
    message = info.value.message
    path = folder / "exercise.yaml"
    if field != "cases":  # duplicates are reported at the `cases:` key
        assert message.startswith(f"{path}:{line_of(text, new)}: field `{field}`: "), message
    else:
        assert message.startswith(f"{path}:{line_of(text, 'cases:')}: field `cases`: "), message
    assert problem in message
    assert "docs/authoring.md" in info.value.hint


def test_too_few_hints(tmp_path):
    text = valid_text().replace('  - "return x + x"\n', "", 1)
    folder = make(tmp_path, text)
    with pytest.raises(DlquizError, match=r"exercise.yaml:\d+: field `hints`: needs at least 3 hints, has 2"):
        load_spec(folder)


def test_missing_required_field_points_at_the_mapping(tmp_path):
    text = valid_text().replace("entry: double\n", "")
    folder = make(tmp_path, text)
    with pytest.raises(DlquizError) as info:
        load_spec(folder)
    assert info.value.message == f"{folder / 'exercise.yaml'}:3: field `entry`: is required"


def test_invalid_yaml_names_the_line(tmp_path):
    text = valid_text().replace("difficulty: 1", "difficulty: [1", 1)
    folder = make(tmp_path, text)
    with pytest.raises(DlquizError) as info:
        load_spec(folder)
    assert info.value.message.startswith(f"{folder / 'exercise.yaml'}:")
    assert "invalid YAML" in info.value.message


def test_newer_format_is_refused(tmp_path):
    folder = make(tmp_path, valid_text().replace("format_version: 1", "format_version: 99"))
    with pytest.raises(DlquizError, match="newer than this dlquiz understands") as info:
        load_spec(folder)
    assert "Upgrade" in info.value.hint


def test_missing_cases_py(tmp_path):
    folder = make(tmp_path, valid_text())
    (folder / "cases.py").unlink()
    with pytest.raises(DlquizError, match="missing cases.py"):
        load_spec(folder)


def test_catalog_from_dlquiz_catalog(fixture_catalog, monkeypatch, tmp_path):
    assert [s.id for s in catalog.all_specs()] == ["double", "double_tight"]
    assert catalog.solution_path("double") == fixture_catalog / "solutions" / "double.py"
    with pytest.raises(DlquizError, match="Did you mean double"):
        catalog.get("doubel")
    with pytest.raises(DlquizError, match="no exercise named"):
        catalog.get("double/../double")
    monkeypatch.setenv("DLQUIZ_CATALOG", str(tmp_path))
    with pytest.raises(DlquizError, match="has no exercises/ folder"):
        catalog.data_root()
