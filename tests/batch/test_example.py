"""The tf.Example check without TensorFlow: the message class is public (serving/classify.py uses it) and a wrong
list kind is said in plain English."""

from __future__ import annotations

from sigcheck.batch.example import ExampleSpec, Feature, check_example, example_class

from . import wire


def test_wrong_list_kind_messages_and_the_public_example_class() -> None:
    spec = ExampleSpec((Feature("age", "DT_FLOAT", "dense", (1,)), Feature("n", "DT_INT64", "dense", (1,))),
                       "ParseExampleV2", "serving_default")
    [d] = check_example(wire.example({"age": ("int64", [3]), "n": ("int64", [1])}), spec)
    assert d.message == 'feature "age" is float (float_list) but the Example holds an int64_list (int64)'
    [d] = check_example(wire.example({"age": ("float", [3.0]), "n": ("float", [1.0])}), spec)
    assert d.message == 'feature "n" is int64 (int64_list) but the Example holds a float_list (float)'
    assert d.code == "batch.example"
    msg = example_class()()
    msg.ParseFromString(wire.example({"age": ("float", [2.5])}))
    assert list(msg.features.feature["age"].float_list.value) == [2.5]
