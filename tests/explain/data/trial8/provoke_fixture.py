"""Provoke the trial-8 messages on the committed fixture fixtures/models/keras_tabular (TF 2.21, Keras 3)."""
import os, sys, traceback
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
import tensorflow as tf, keras
M = "/work/main/fixtures/models/keras_tabular/1"
OUT = "/work/main/tests/explain/data/trial8"
m = tf.saved_model.load(M)
a = tf.constant([[1.0]]); h = tf.constant([[2]], dtype=tf.int64); o = tf.constant([["x"]])
def rec(name, fn):
    try:
        fn(); print(name, "NO ERROR")
    except Exception:
        open(f"{OUT}/{name}.txt", "w").write(traceback.format_exc())
        print(name, "ok")
sig = m.signatures["serving_default"]
rec("fixture_sig_typo", lambda: sig(age=a, hour=h, occupation=o))
rec("fixture_serve_dict", lambda: m.serve({"age": a, "hours": h, "occupation": o}))
rec("fixture_str_number", lambda: sig(age=a, hours=h, occupation=tf.constant([[1]])))
rec("fixture_cast_to_string", lambda: tf.cast(tf.constant([[1]]), tf.string))
rec("fixture_tfsm_endpoint", lambda: keras.layers.TFSMLayer(M, call_endpoint="serving_defaults"))
rec("fixture_signature_key", lambda: m.signatures["predict"])
rec("fixture_serve_list_to_dict", lambda: m.serve([a, h, o]))
print("serve dict:", m.serve({"age": a, "hours": h, "occupation": o}))
print("as_string:", sig(age=a, hours=h, occupation=tf.strings.as_string(tf.constant([[1]]))))
print("tfsm ok:", keras.layers.TFSMLayer(M, call_endpoint="serving_default"))
