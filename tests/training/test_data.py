"""CSV reading and column planning: quick, no TensorFlow (pandas only)."""

from __future__ import annotations

from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")

from sigcheck.errors import InputError  # noqa: E402
from sigcheck.training import data  # noqa: E402


def _frame(text: str, tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text(text)
    return data.read_csv(str(path)), str(path)


def test_plan_infers_kinds_task_and_classes(census_table) -> None:
    plan = census_table.plan
    kinds = {c.input_name: (c.kind, c.dtype) for c in plan.columns}
    assert kinds == {"age": ("numeric", "float32"), "hours": ("numeric", "float32"),
                     "occupation": ("categorical", "string")}
    assert plan.task == "classification"
    assert plan.classes == ("<=50K", ">50K")
    assert plan.column("age").missing > 0 and plan.column("occupation").missing > 0
    assert any("ignored column 'score'" in n for n in plan.notes)


def test_regression_inferred_for_fractional_label(census_csv: Path) -> None:
    table = data.plan_table(data.read_csv(str(census_csv)), source="c", label="score", ignore=["income"])
    assert table.plan.task == "regression" and table.plan.classes == ()


def test_missing_label_column_says_what_there_is(tmp_path: Path) -> None:
    frame, src = _frame("species,island\nAdelie,Biscoe\nGentoo,Dream\n", tmp_path)
    with pytest.raises(InputError) as err:
        data.plan_table(frame, source=src, label="specie")
    assert "no label column 'specie'" in str(err.value)
    assert "did you mean 'species'" in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    "content, phrase",
    [
        (b"", "file is empty"),
        (b"\x00\x01\x02binary", "binary file"),
        (b"a,b\n1,2,3,4\n5,6\n", "more fields than the header"),
        (b"\xff\xfe\xfa,b\n1,2\n", "not UTF-8"),
        (b"justonecolumn\n1\n2\n", "expected a label column and at least one feature column"),
        (b'{"age": [30.0], "hours": [40], "occupation": ["Sales"]}\n{"age": [31.0], "hours": [41], '
         b'"occupation": ["Tech"]}\n', "not a CSV file: it looks like JSON Lines (one JSON value per line)"),
        (b'\xef\xbb\xbf{"age": 1, "hours": 2}\r\n{"age": 3, "hours": 4}\r\n', "not a CSV file: it looks like JSON Lines"),
        (b'{"instances": [{"age": [30.0], "hours": [40]}]}', "not a CSV file: it looks like JSON;"),
        (b'[\n  {"age": 1, "hours": 2},\n  {"age": 3, "hours": 4}\n]\n', "not a CSV file: it looks like JSON;"),
    ],
)
def test_bad_csv_is_one_clear_error(tmp_path: Path, content: bytes, phrase: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        data.read_csv(str(path))
    assert phrase in str(err.value)


def test_csv_whose_header_starts_with_a_bracket_is_still_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_bytes(b"[age],{hours}\n1,2\n3,4\n")
    assert list(data.read_csv(str(path)).columns) == ["[age]", "{hours}"]


def test_names_tensorflow_refuses_are_sanitised_and_collisions_refused(tmp_path: Path) -> None:
    frame, src = _frame("bill length (mm),_id,y\n1.0,2,a\n2.0,3,b\n", tmp_path)
    plan = data.plan_table(frame, source=src, label="y").plan
    assert [c.input_name for c in plan.columns] == ["bill_length__mm_", "c_id"]
    assert f"input names: {data.NAMING_RULE}: 'bill length (mm)' → bill_length__mm_, '_id' → c_id" in plan.notes


def test_one_naming_rule_for_every_column(tmp_path: Path) -> None:
    """Hyphens, dots and spaces alike become _ (a hyphen was kept, a space was not): one note states the rule."""
    frame, src = _frame("age,capital-gain,hours.per.week,marital status,y\n1,2,3,a,x\n2,3,4,b,z\n", tmp_path)
    plan = data.plan_table(frame, source=src, label="y").plan
    assert [c.input_name for c in plan.columns] == ["age", "capital_gain", "hours_per_week", "marital_status"]
    notes = [n for n in plan.notes if n.startswith("input names:")]
    assert notes == [f"input names: {data.NAMING_RULE}: 'capital-gain' → capital_gain, 'hours.per.week' → "
                     "hours_per_week, 'marital status' → marital_status"]
    frame, src = _frame("age,hours,y\n1,2,x\n2,3,z\n", tmp_path)
    assert not [n for n in data.plan_table(frame, source=src, label="y").plan.notes if n.startswith("input names")]
    frame, src = _frame("a b,a_b,y\n1,2,a\n2,3,b\n", tmp_path)
    with pytest.raises(InputError, match="both become the input name 'a_b'"):
        data.plan_table(frame, source=src, label="y")


def test_overrides(tmp_path: Path) -> None:
    frame, src = _frame("zip,size,y\n1000,1.5,a\n2000,2.5,b\n1000,,a\n", tmp_path)
    plan = data.plan_table(frame, source=src, label="y", categorical=["zip"]).plan
    assert (plan.column("zip").kind, plan.column("zip").dtype) == ("categorical", "int64")
    # trial9 F21: a DT_INT64 input cannot take a Vertex AI CSV batch input; the export says so
    said = [n for n in plan.notes if "integer categories (zip)" in n]
    assert said and "for Vertex AI batch prediction send JSON Lines" in said[0]
    assert not [n for n in data.plan_table(frame, source=src, label="y").plan.notes if "integer categories" in n]
    with pytest.raises(InputError, match="fractional"):
        data.plan_table(frame, source=src, label="y", categorical=["size"])
    with pytest.raises(InputError, match="no column 'sise' for --numeric.*did you mean 'size'"):
        data.plan_table(frame, source=src, label="y", numeric=["sise"])
    with pytest.raises(InputError, match="single value"):
        data.plan_table(frame[frame["y"] == "a"], source=src, label="y")


def test_sample_instances_are_complete_real_rows(census_table) -> None:
    rows = data.sample_instances(census_table, 3)
    assert len(rows) == 3
    for row in rows:
        assert set(row) == {"age", "hours", "occupation"}
        assert row["occupation"] and isinstance(row["hours"], int)  # integer CSV columns stay integers in JSON


def test_penguins_example_is_bundled() -> None:
    pytest.importorskip("palmerpenguins")
    frame, label = data.load_example("penguins")
    table = data.plan_table(frame, source="penguins", label=label)
    assert table.plan.classes == ("Adelie", "Chinstrap", "Gentoo")
    assert {c.input_name for c in table.plan.columns} == {
        "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year"}
