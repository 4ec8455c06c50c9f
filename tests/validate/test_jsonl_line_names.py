"""JSON Lines findings name the lines they are about by their line numbers (trial8 F3), and --fix wraps the bare
values of a (-1, 1) input when only some lines have them (trial8 M16)."""

from __future__ import annotations

import io

import pytest

from sigcheck.validate import repair, validate_jsonl, validate_request

from .contracts import contract

TAB = contract({"age": ("DT_FLOAT", [-1, 1]), "hours": ("DT_FLOAT", [-1, 1])})
NEST3 = b'{"age": [1.0], "hours": [9.0]}\n{"age": [2.0], "hours": [9.0]}\n{"age": [[3.0]], "hours": [9.0]}\n'


def only_error(result):
    (f,) = result.errors
    return f


def test_extra_nesting_names_the_line_and_line_1() -> None:
    f = only_error(validate_request(NEST3, TAB, format_in="jsonl"))
    assert f.message == 'line 3 of input "age" is wrapped in one more list than line 1'
    assert f.path == "$.instances[2].age" and f.line == 3
    body = only_error(validate_request(b'{"instances": [' + b",".join(NEST3.splitlines()) + b"]}", TAB))
    assert body.message == 'instance 2 of input "age" is wrapped in one more list than instance 0'  # a body: indices


def test_blank_lines_count() -> None:
    f = only_error(validate_request(b'{"age": [1.0], "hours": [9.0]}\n\n{"age": 2.0, "hours": [9.0]}\n', TAB,
                                    format_in="jsonl"))
    assert f.category == "ragged_instances" and f.line == 3
    assert f.message == 'instances have different shapes for input "age": line 1 is (1,), line 3 is ()'
    assert f.expected == "shape (1,) (as line 1)"
    assert f.hint.startswith('wrap the bare value of line 3 in a list: "age": [value]') and "--fix" in f.hint


@pytest.mark.parametrize("blocks", [True, False])
def test_a_later_chunk_is_compared_with_the_files_first_line(blocks) -> None:
    """Chunks of 2 lines: line 5 differs from line 1 (in another chunk): named so, not by chunk-local indices."""
    lines = [b'{"age": [1.0], "hours": [9.0]}'] * 4 + [b'{"age": [[3.0]], "hours": [9.0]}']
    result = validate_jsonl(io.BytesIO(b"\n".join(lines) + b"\n"), TAB, chunk_lines=2, blocks=blocks)
    f = only_error(result)
    assert f.path == "$.instances[4].age" and f.line == 5
    assert f.message == 'line 5 of input "age" is wrapped in one more list than line 1', f.message


def test_fix_wraps_bare_values_when_only_some_lines_have_them() -> None:
    text = b'{"age":[30.0],"hours":[40.0]}\n{"age":31.0,"hours":41.0}\n'
    result = validate_request(text, TAB, format_in="jsonl")
    assert not result.ok and only_error(result).category == "ragged_instances"
    fixed = repair(result, TAB, jsonl_out=True, lines=text.splitlines())
    assert fixed is not None and fixed.result.ok
    assert fixed.body == b'{"age":[30.0],"hours":[40.0]}\n{"age":[31.0],"hours":[41.0]}\n'


def test_fix_repairs_nesting_then_bare_values_and_stops_at_a_wrong_size() -> None:
    text = (b'{"age": [27.7], "hours": [9.0]}\n{"age":[[30.0]],"hours":[40.0]}\n{"age":30.0,"hours":40.0}\n'
            b'{"age":[30.0, 31.0],"hours":[40.0]}\n')
    fixed = repair(validate_request(text, TAB, format_in="jsonl"), TAB, jsonl_out=True, lines=text.splitlines())
    assert fixed is not None
    assert fixed.body.splitlines()[1:3] == [b'{"age":[30.0],"hours":[40.0]}', b'{"age":[30.0],"hours":[40.0]}']
    left = only_error(fixed.result)  # two values for a (-1, 1) input: not a repair sigcheck can make
    assert left.line == 4 and "line 1 is (1,), line 4 is (2,)" in left.message
    assert left.hint.startswith("pad every instance")


@pytest.mark.parametrize("declared, fixed", [
    ([-1, 1], b'{"age":[1.0]}\n{"age":[2.0]}\n'),  # the bare first line is the wrong one
    ([-1], b'{"age":1.0}\n{"age":2.0}\n'),  # a (-1,) input: bare is right, the list is the extra level
])
def test_bare_first_line_then_a_list(declared, fixed) -> None:
    model = contract({"age": ("DT_FLOAT", declared)})
    text = b'{"age": 1.0}\n{"age": [2.0]}\n'
    result = validate_request(text, model, format_in="jsonl")
    f = only_error(result)
    assert f.message == 'line 2 of input "age" is wrapped in one more list than line 1'
    assert ("wrap the bare value of line 1" in f.hint) == (declared == [-1, 1])
    repaired = repair(result, model, jsonl_out=True, lines=text.splitlines())
    assert repaired is not None and repaired.result.ok and repaired.body == fixed
