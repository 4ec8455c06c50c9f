"""Write tests/explain/data/keras_messages.jsonl: Keras's messages as the installed Keras 3 really prints them.

Each case provokes one error (a SavedModel directory given to load_model, a weights file that does not fit, an input
of the wrong shape, ...) and records ``type(e).__name__: str(e)`` with the Keras and h5py versions that printed it, so
tests/explain/test_index_keras.py explains real texts without importing Keras or TensorFlow.

    .venv/bin/python scripts/explain_keras_messages.py      # ~20 s (imports TensorFlow)
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import zipfile
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

OUT = Path(__file__).resolve().parent.parent / "tests" / "explain" / "data" / "keras_messages.jsonl"


def main() -> int:
    import h5py
    import keras
    import numpy as np
    import tensorflow as tf

    printed_by = f"keras {keras.__version__} (TF {tf.__version__}, h5py {h5py.__version__}), provoked"
    cases: list[dict] = []

    def provoke(case_id: str, how: str, fn) -> None:
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - recording what Keras raises is the point
            cases.append({"id": case_id, "printed_by": printed_by, "how": how,
                          "text": f"{type(e).__name__}: {e}"})
            return
        raise SystemExit(f"{case_id}: no error raised")

    tmp = Path(tempfile.mkdtemp(prefix="keras-messages-"))

    def dense_model(n_in: int = 784, name: str = "dense") -> keras.Model:
        return keras.Sequential([keras.Input((n_in,)), keras.layers.Dense(10, name=name)])

    # --- load_model given what it does not load ---
    sm = tmp / "export" / "1"
    tf.saved_model.save(tf.Module(), str(sm))
    provoke("k3-savedmodel-dir", "keras.models.load_model(<SavedModel directory>)",
            lambda: keras.models.load_model(str(sm)))
    provoke("k3-missing-keras", "keras.models.load_model('<missing>.keras')",
            lambda: keras.models.load_model(str(tmp / "missing.keras")))
    lfs = tmp / "model.h5"
    lfs.write_text("version https://git-lfs.github.com/spec/v1\noid sha256:0123\nsize 98041624\n")
    provoke("k3-h5-lfs-pointer", "keras.models.load_model(<a Git LFS pointer named model.h5>)",
            lambda: keras.models.load_model(str(lfs)))
    provoke("k3-h5-missing", "keras.models.load_model('<missing>.h5')",
            lambda: keras.models.load_model(str(tmp / "missing.h5")))
    provoke("h5py-dir", "h5py.File(<SavedModel directory>)", lambda: h5py.File(str(sm), "r"))
    whole = tmp / "whole.h5"
    dense_model().save(str(whole))
    cut = tmp / "cut.h5"
    cut.write_bytes(whole.read_bytes()[:4096])
    provoke("k3-h5-truncated", "keras.models.load_model(<an .h5 file cut to 4 KiB>)",
            lambda: keras.models.load_model(str(cut)))
    weights_only = tmp / "weights_only.weights.h5"
    dense_model().save_weights(str(weights_only))
    legacy_weights = tmp / "legacy_weights.h5"
    with h5py.File(weights_only, "r") as src, h5py.File(legacy_weights, "w") as dst:
        for k in src:
            src.copy(k, dst)
    provoke("k3-h5-no-config", "keras.models.load_model(<an .h5 file without model_config>)",
            lambda: keras.models.load_model(str(legacy_weights)))

    # --- classes and arguments the loading Keras does not know ---
    @keras.saving.register_keras_serializable(package="b1")
    class MyLayer(keras.layers.Layer):
        def call(self, x):
            return x * 2

    custom = tmp / "custom.keras"
    keras.Sequential([keras.Input((3,)), MyLayer()]).save(str(custom))
    keras.saving.get_custom_objects().pop("b1>MyLayer", None)
    provoke("k3-custom-unregistered", "load_model(<.keras with a custom layer>) where it is not registered",
            lambda: keras.models.load_model(str(custom)))
    keras2_paths = tmp / "keras2_paths.keras"
    with zipfile.ZipFile(custom) as z:
        files = {n: z.read(n) for n in z.namelist()}
    config = json.loads(files["config.json"])
    config["module"] = "keras.src.engine.sequential"  # where Keras 2.13-2.15 keep Sequential
    files["config.json"] = json.dumps(config).encode()
    with zipfile.ZipFile(keras2_paths, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    provoke("k3-module-of-keras2", "load_model(<.keras whose config names keras.src.engine.sequential, as Keras "
            "2.13-2.15 write>)", lambda: keras.models.load_model(str(keras2_paths)))
    provoke("k3-kwargs-from-keras2", "keras.layers.Dense.from_config(<a Keras 2 Dense config with batch_input_shape>)",
            lambda: keras.layers.Dense.from_config({"units": 10, "batch_input_shape": [None, 8]}))
    lam = tmp / "lambda.keras"
    keras.Sequential([keras.Input((3,)), keras.layers.Lambda(lambda x: x + 1)]).save(str(lam))
    provoke("k3-lambda-safe-mode", "keras.models.load_model(<.keras with a Lambda layer>)",
            lambda: keras.models.load_model(str(lam)))

    # --- weights that do not fit ---
    with_bias = tmp / "with_bias.weights.h5"
    dense_model().save_weights(str(with_bias))
    no_bias = keras.Sequential([keras.Input((784,)), keras.layers.Dense(10, use_bias=False, name="dense")])
    provoke("k3-layer-variables", "Dense(use_bias=False).load_weights(<weights of Dense with a bias>)",
            lambda: no_bias.load_weights(str(with_bias)))
    two = keras.Sequential([keras.Input((784,)), keras.layers.Dense(10), keras.layers.Dense(3)])
    provoke("k3-h5-layer-count", "a two-Dense model.load_weights(<legacy .h5 of a one-Dense model>)",
            lambda: two.load_weights(str(whole)))

    # --- inputs that do not fit ---
    m = dense_model()
    provoke("k3-axis-predict", "Sequential([Input((784,)), Dense]).predict(<(2, 28, 28) images>)",
            lambda: m.predict(np.zeros((2, 28, 28)), verbose=0))
    layer = keras.layers.Dense(10, name="dense")
    layer.build((None, 784))
    provoke("k3-axis-layer", "Dense built for 784 called on (2, 28, 28)", lambda: layer(np.zeros((2, 28, 28))))
    conv = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Conv2D(4, 3)])
    provoke("k3-ndim-predict", "Conv2D model.predict(<(28, 28, 1): one image without the batch axis>)",
            lambda: conv.predict(np.zeros((28, 28, 1)), verbose=0))
    c2 = keras.layers.Conv2D(4, 3, name="conv2d")
    provoke("k3-ndim-layer", "Conv2D called on a (28, 28) tensor", lambda: c2(np.zeros((28, 28), "float32")))
    a, b = keras.Input((3,), name="a"), keras.Input((2,), name="b")
    two_in = keras.Model({"a": a, "b": b}, keras.layers.Concatenate()([a, b]))
    provoke("k3-missing-input", "a model with inputs 'a' and 'b' called with {'a': ...}",
            lambda: two_in({"a": np.zeros((1, 3))}))
    pair = keras.Model([a, b], keras.layers.Concatenate()([a, b]))
    provoke("k3-inputs-count", "a model of two inputs .predict(<one array>)",
            lambda: pair.predict(np.zeros((1, 3)), verbose=0))

    ragged = np.empty(2, dtype=object)
    ragged[0], ragged[1] = [0.0] * 784, [0.0] * 700
    provoke("k3-predict-ragged-rows", "model.predict(<object array of rows of different lengths>)",
            lambda: m.predict(ragged, verbose=0))
    provoke("k3-predict-object-floats", "model.predict(<(1, 784) array of dtype object holding floats>)",
            lambda: m.predict(np.array([[0.5] * 784], dtype=object), verbose=0))

    # --- export and TFSMLayer ---
    class Sub(keras.Model):
        def call(self, x):
            return x

    provoke("k3-export-unbuilt", "keras.Model subclass never called, .export(dir)",
            lambda: Sub().export(str(tmp / "unbuilt")))
    exported = tmp / "exported"
    dense_model().export(str(exported), verbose=False)
    provoke("k3-tfsm-endpoint", "keras.layers.TFSMLayer(<model.export dir>, call_endpoint='predict')",
            lambda: keras.layers.TFSMLayer(str(exported), call_endpoint="predict"))

    # --- code written for tf.keras 2 run under Keras 3 ---
    provoke("k3-save-dir", "model.save('<directory>') (tf.keras 2's SavedModel export)",
            lambda: dense_model().save(str(tmp / "models" / "1")))
    provoke("k3-save-format-tf", "model.save('<dir>', save_format='tf')",
            lambda: dense_model().save(str(tmp / "models" / "2"), save_format="tf"))
    provoke("k3-kerastensor-tf-op", "tf.reshape(keras.Input((3,)), (-1,)) (a tf.* op on a Keras 3 symbolic input)",
            lambda: tf.reshape(keras.Input((3,)), (-1,)))
    restored = tf.saved_model.load(str(exported))
    provoke("tf-userobject-predict", "tf.saved_model.load(<model.export dir>).predict(x)",
            lambda: restored.predict(np.zeros((1, 784))))
    provoke("h5py-no-group", "h5py.File(<a .weights.h5 of Keras 3>)['model_weights']",
            lambda: h5py.File(weights_only, "r")["model_weights"])

    lines = [json.dumps(c, ensure_ascii=False).replace(str(tmp), "/tmp/work") for c in cases]
    OUT.write_text("\n".join(lines) + "\n")
    print(f"{len(cases)} messages -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
