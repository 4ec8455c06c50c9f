"""Tabular training data: read a CSV (local or gs://) or the bundled penguins example, and plan the columns.

No TensorFlow here: everything a user can get wrong about the data (not a CSV, no such label column, a column
named twice after sanitising) is found before TensorFlow is imported, so those errors are quick and one line.

A column becomes one named model input:

* numeric (int/float in the CSV) → ``DT_FLOAT`` input of shape ``(-1,)``; missing values are NaN and the model
  replaces them with the training mean;
* categorical text → ``DT_STRING`` input; missing and unseen values fall into one out-of-vocabulary bucket;
* a numeric column named with ``--categorical`` → ``DT_INT64`` input (whole numbers; -1 or any unseen value is
  out of vocabulary).

The input name is the CSV header when it is an identifier (letters, digits and ``_``, starting with a letter):
the one rule for every column is that any other character becomes ``_`` (``capital-gain`` → ``capital_gain``,
``bill length (mm)`` → ``bill_length__mm_``) and a name that does not start with a letter gets a leading ``c``.
Such names are valid TensorFlow tensor names *and* tf.function parameter names (TensorFlow would otherwise
sanitise ``capital-gain`` itself, with a warning, in some places and not others), and every client can send them.
One note lists the columns renamed.
"""

from __future__ import annotations

import difflib
import io
import re
import warnings
from dataclasses import dataclass, field
from typing import Any, Sequence

from .. import storage
from .._optional import require
from ..errors import InputError, StorageError

NUMERIC = "numeric"
CATEGORICAL = "categorical"
CLASSIFICATION = "classification"
REGRESSION = "regression"

EXAMPLES = {"penguins": "species"}
"""Bundled examples (name → label column); the data ships inside a PyPI package, nothing is downloaded."""

MAX_AUTO_CLASSES = 20
"""An integer label with at most this many distinct values is a classification target (else regression)."""

_NAME_OK = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_NAME_BAD_CHARS = re.compile(r"[^A-Za-z0-9_]")
NAMING_RULE = "each character other than A-Z a-z 0-9 _ becomes _, and a name starts with a letter (else a leading c)"
"""How a CSV header becomes a signature input name (stated in the note that lists the renamed columns)."""
_INDEX_COLUMN = re.compile(r"^Unnamed: \d+$")


@dataclass(frozen=True)
class Column:
    """One feature column and the model input it becomes."""

    name: str
    """The CSV header."""
    input_name: str
    """The signature input name (the header, sanitised only when TensorFlow refuses it)."""
    kind: str
    """``numeric`` or ``categorical``."""
    dtype: str
    """The input dtype: ``float32``, ``string`` or ``int64``."""
    missing: int = 0
    """Rows with no value in this column."""


@dataclass(frozen=True)
class TablePlan:
    """What to train: the feature columns, the label and the task."""

    source: str
    columns: tuple[Column, ...]
    label: str
    task: str
    """``classification`` or ``regression``."""
    classes: tuple[str, ...] = ()
    """The class names in output order (classification only)."""
    rows: int = 0
    """Rows used (rows with a label)."""
    dropped_rows: int = 0
    """Rows dropped because the label was missing."""
    notes: tuple[str, ...] = ()
    """Decisions worth telling the user (inferred task, ignored columns, renamed inputs)."""

    def column(self, input_name: str) -> Column:
        for col in self.columns:
            if col.input_name == input_name:
                return col
        raise KeyError(input_name)


@dataclass
class Table:
    """The data itself, with its plan: features by input name, and the encoded label."""

    plan: TablePlan
    frame: Any = field(repr=False)
    """The pandas DataFrame (rows with a label only, original column names)."""


def input_name_for(column: str) -> str:
    """The signature input name for a CSV header (:data:`NAMING_RULE`): unchanged when it is an identifier."""
    if _NAME_OK.match(column):
        return column
    name = _NAME_BAD_CHARS.sub("_", column.strip())
    if not name or not _NAME_OK.match(name):
        name = "c" + name
    return name


def read_csv(location: str) -> Any:
    """Read a CSV file (local path or gs:// URI) into a DataFrame; raises InputError with one clear line."""
    pd = require("pandas", purpose="reading training data")
    try:
        data = storage.read_bytes(location)
    except StorageError as exc:
        raise InputError(str(exc), hint=exc.hint or "give the training data with --data FILE.csv") from None
    if not data.strip():
        raise InputError(f"{location}: file is empty, expected a CSV file with a header row",
                         hint="give a CSV file with a header row and at least two data rows")
    if b"\x00" in data[:4096]:
        raise InputError(f"{location}: binary file, expected a CSV text file with a header row",
                         hint="give a CSV file (comma-separated, header row first)")
    looks = _json_kind(data)
    if looks is not None:
        raise InputError(f"{location}: not a CSV file: it looks like {looks}; --data reads a CSV file with a header "
                         "row", hint="convert it first, e.g. pandas.read_json(path, lines=True).to_csv('train.csv', "
                         "index=False)" if looks.startswith("JSON Lines") else
                         "convert it first, e.g. pandas.read_json(path).to_csv('train.csv', index=False)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(io.BytesIO(data), skipinitialspace=True, index_col=False)
    except pd.errors.ParserWarning:
        raise InputError(f"{location}: some rows have more fields than the header",
                         hint="check the delimiter (commas) and quoting; every row needs as many fields as the header"
                         ) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{location}: not UTF-8 text at byte {exc.start}, expected a CSV file",
                         hint="save the file as UTF-8 CSV") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        reason = " ".join(str(exc).split())
        raise InputError(f"{location}: not a readable CSV file: {reason}",
                         hint="check the delimiter (commas) and that every row has as many fields as the header") from None
    if frame.shape[1] < 2:
        raise InputError(
            f"{location}: found {frame.shape[1]} column ({', '.join(map(str, frame.columns))}), expected a label "
            "column and at least one feature column",
            hint="check that the file is comma-separated with a header row",
        )
    frame.columns = [str(c) for c in frame.columns]
    return frame


def _json_kind(data: bytes) -> str | None:
    """``JSON Lines (…)`` or ``JSON (…)`` when ``data`` is JSON rather than a CSV, else None: its first line is a
    JSON object or array on its own (no CSV header is), the whole file then JSON or one value per line."""
    import json

    text = data.decode("utf-8-sig", "replace").lstrip()
    if text[:1] not in ("{", "["):
        return None
    first = text.split("\n", 1)[0].strip()
    try:
        json.loads(text)
        return "JSON"
    except ValueError:
        pass
    try:
        value = json.loads(first)
    except ValueError:
        return None
    if not isinstance(value, (dict, list)):
        return None
    return "JSON Lines (one JSON value per line)"


def load_example(name: str) -> tuple[Any, str]:
    """A bundled example data set: (DataFrame, label column).  Penguins comes from the palmerpenguins package."""
    if name not in EXAMPLES:
        raise InputError(f"no example {name!r}; examples: {', '.join(sorted(EXAMPLES))}",
                         hint="use --example penguins, or give your own data with --data FILE.csv --label COLUMN")
    module = require("palmerpenguins", purpose="the penguins example")
    frame = module.load_penguins()
    frame.columns = [str(c) for c in frame.columns]
    return frame, EXAMPLES[name]


def _did_you_mean(name: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        if name.lower() in lowered:
            close = [lowered[name.lower()]]
    return f"; did you mean {close[0]!r}?" if close else ""


def _check_columns(source: str, what: str, names: Sequence[str], columns: Sequence[str]) -> None:
    for name in names:
        if name not in columns:
            raise InputError(
                f"{source}: no column {name!r} for {what} (columns: {', '.join(columns)}){_did_you_mean(name, columns)}",
                hint=f"name a column of the CSV header with {what}",
            )


def _split_names(values: Sequence[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or ():
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


def plan_table(
    frame: Any,
    *,
    source: str,
    label: str,
    numeric: Sequence[str] | None = None,
    categorical: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    task: str = "auto",
) -> Table:
    """Decide every column's kind, the task and the classes; drop rows without a label.

    ``numeric``/``categorical``/``ignore`` accept names and comma-separated lists.  Raises InputError (exit 2)
    for a missing label column, unknown column names, a label with fewer than two classes, or no data rows.
    """
    pd = require("pandas", purpose="reading training data")
    columns = list(frame.columns)
    numeric_names, categorical_names, ignored = _split_names(numeric), _split_names(categorical), _split_names(ignore)
    if label not in columns:
        raise InputError(
            f"{source}: no label column {label!r} (columns: {', '.join(columns)}){_did_you_mean(label, columns)}",
            hint="choose the column to predict with --label COLUMN",
        )
    _check_columns(source, "--numeric", numeric_names, columns)
    _check_columns(source, "--categorical", categorical_names, columns)
    _check_columns(source, "--ignore", ignored, columns)
    both = sorted(set(numeric_names) & set(categorical_names))
    if both:
        raise InputError(f"{source}: column {both[0]!r} is given as both --numeric and --categorical",
                         hint="name each column in one of --numeric/--categorical")
    if label in numeric_names or label in categorical_names or label in ignored:
        raise InputError(f"{source}: the label column {label!r} cannot also be a feature or ignored",
                         hint="remove it from --numeric/--categorical/--ignore")
    notes: list[str] = []

    labelled = frame[frame[label].notna()].reset_index(drop=True)
    dropped = len(frame) - len(labelled)
    if dropped:
        notes.append(f"dropped {dropped} row(s) with no {label!r}")
    if len(labelled) < 2:
        raise InputError(f"{source}: {len(labelled)} row(s) with a value for {label!r}; training needs at least 2",
                         hint="give more data rows")

    y = labelled[label]
    y_numeric = pd.api.types.is_numeric_dtype(y) and not pd.api.types.is_bool_dtype(y)
    if task not in ("auto", CLASSIFICATION, REGRESSION):
        raise InputError(f"unknown task {task!r}; expected auto, classification or regression")
    if task == "auto":
        integral = y_numeric and bool(((y % 1) == 0).all())
        if not y_numeric or (integral and y.nunique() <= MAX_AUTO_CLASSES):
            task = CLASSIFICATION
        else:
            task = REGRESSION
        notes.append(f"task: {task} (inferred from {label!r}; override with --task)")
    classes: tuple[str, ...] = ()
    if task == REGRESSION:
        if not y_numeric:
            raise InputError(f"{source}: label {label!r} has non-numeric values (e.g. {y.iloc[0]!r}); "
                             "regression needs numbers", hint="use --task classification, or choose another --label")
    else:
        classes = tuple(sorted({_label_text(v) for v in y}, key=_class_sort_key))
        if len(classes) < 2:
            raise InputError(f"{source}: label {label!r} has a single value ({classes[0]!r}); classification "
                             "needs at least two classes", hint="choose another --label, or use --task regression")

    out: list[Column] = []
    seen: dict[str, str] = {}
    renamed: list[str] = []
    for name in columns:
        if name == label:
            continue
        if name in ignored:
            notes.append(f"ignored column {name!r}")
            continue
        if _INDEX_COLUMN.match(name) and name not in numeric_names and name not in categorical_names:
            notes.append(f"ignored column {name!r} (an unnamed index column; use --numeric to keep it)")
            continue
        series = labelled[name]
        is_num = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
        if name in numeric_names:
            if not is_num:
                bad = series[series.notna()].iloc[0] if series.notna().any() else None
                converted = pd.to_numeric(series, errors="coerce")
                if (converted.isna() & series.notna()).any():
                    raise InputError(f"{source}: column {name!r} is given as --numeric but has the value {bad!r}",
                                     hint=f"use --categorical {name}, or fix the values")
            kind, dtype = NUMERIC, "float32"
        elif name in categorical_names:
            kind = CATEGORICAL
            if is_num:
                values = series[series.notna()]
                if not bool(((values % 1) == 0).all()):
                    raise InputError(f"{source}: column {name!r} is given as --categorical but has fractional "
                                     "values; numeric categories must be whole numbers",
                                     hint=f"use --numeric {name}")
                dtype = "int64"
            else:
                dtype = "string"
        elif is_num:
            kind, dtype = NUMERIC, "float32"
        else:
            kind, dtype = CATEGORICAL, "string"
            distinct = series.nunique()
            if len(series) >= 50 and distinct > 0.5 * len(series):
                notes.append(f"column {name!r} has {distinct} distinct values in {len(series)} rows: an identifier or "
                             f"free text? (drop it with --ignore {name})")
        input_name = input_name_for(name)
        if input_name in seen:
            raise InputError(f"{source}: columns {seen[input_name]!r} and {name!r} both become the input name "
                             f"{input_name!r}", hint="rename one of the columns in the CSV header")
        seen[input_name] = name
        if input_name != name:
            renamed.append(f"{name!r} → {input_name}")
        out.append(Column(name=name, input_name=input_name, kind=kind, dtype=dtype,
                          missing=int(series.isna().sum())))
    if renamed:
        notes.append(f"input names: {NAMING_RULE}: " + ", ".join(renamed))
    integers = [c.input_name for c in out if c.dtype == "int64"]
    if integers:
        notes.append(f"integer categories ({', '.join(integers)}) are DT_INT64 inputs: JSON requests send whole numbers "
                     "(1, not 1.0), but no CSV can (Vertex AI reads an unquoted CSV value as a float, a quoted one as "
                     "text): for Vertex AI batch prediction send JSON Lines")
    if not out:
        raise InputError(f"{source}: no feature columns left besides the label {label!r}",
                         hint="keep at least one column (check --ignore)")
    plan = TablePlan(source=source, columns=tuple(out), label=label, task=task, classes=classes,
                     rows=len(labelled), dropped_rows=dropped, notes=tuple(notes))
    return Table(plan=plan, frame=labelled)


def _label_text(value: Any) -> str:
    """A label value as the ``classes`` output spells it (``3`` not ``3.0`` for whole numbers)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _class_sort_key(text: str) -> tuple[int, float, str]:
    try:
        return (0, float(text), text)
    except ValueError:
        return (1, 0.0, text)


def feature_arrays(table: Table, rows: Any = None) -> dict[str, Any]:
    """The model inputs for ``rows`` (an index array; default all): input name → 1-D numpy array.

    float32 with NaN for missing numbers, object arrays of ``str`` (``""`` when missing) for text, int64 (-1 when
    missing) for numeric categories: exactly what the serving signature takes.
    """
    np = require("numpy", purpose="training")
    frame = table.frame if rows is None else table.frame.iloc[rows]
    out: dict[str, Any] = {}
    for col in table.plan.columns:
        series = frame[col.name]
        if col.dtype == "float32":
            out[col.input_name] = series.astype("float64").to_numpy(dtype=np.float32, na_value=np.nan)
        elif col.dtype == "int64":
            out[col.input_name] = series.fillna(-1).astype("int64").to_numpy(dtype=np.int64)
        else:
            values = [("" if _missing(v) else _label_text(v)) for v in series.tolist()]
            out[col.input_name] = np.array(values, dtype=object)
    return out


def label_array(table: Table, rows: Any = None) -> Any:
    """The training target: class indices (int64) for classification, float32 values for regression."""
    np = require("numpy", purpose="training")
    frame = table.frame if rows is None else table.frame.iloc[rows]
    y = frame[table.plan.label]
    if table.plan.task == REGRESSION:
        return y.astype("float64").to_numpy(dtype=np.float32)
    index = {c: i for i, c in enumerate(table.plan.classes)}
    return np.array([index[_label_text(v)] for v in y.tolist()], dtype=np.int64)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def sample_instances(table: Table, count: int = 3) -> list[dict[str, Any]]:
    """The first ``count`` complete rows of the data as row-format instances (real values, JSON-ready).

    Rows with a missing feature are skipped: NaN is valid for TF Serving but not for every JSON client.  When no
    row is complete, the first rows are used, with ``""``/-1/0.0 for the missing values.
    """
    frame = table.frame
    names = [c.name for c in table.plan.columns]
    complete = frame[names].notna().all(axis=1)
    chosen = list(frame.index[complete][:count]) or list(frame.index[:count])
    integral = {name for name in names if str(frame[name].dtype).startswith(("int", "Int", "uint", "UInt"))}
    instances: list[dict[str, Any]] = []
    for idx in chosen:
        row = frame.loc[idx]
        inst: dict[str, Any] = {}
        for col in table.plan.columns:
            value = row[col.name]
            if col.dtype == "float32":
                number = 0.0 if _missing(value) else float(value)
                whole = col.name in integral and number.is_integer()
                inst[col.input_name] = int(number) if whole else number
            elif col.dtype == "int64":
                inst[col.input_name] = -1 if _missing(value) else int(value)
            else:
                inst[col.input_name] = "" if _missing(value) else _label_text(value)
        instances.append(inst)
    return instances
