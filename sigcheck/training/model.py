"""The Keras 3 tabular model: preprocessing inside the model, one named input per column; and its training.

Serving then takes raw feature values (``{"island": "Biscoe", "bill_length_mm": 39.1}``): the model fills
missing numbers with the training mean, standardises them (``Normalization``) and one-hot encodes categories
(``StringLookup`` / ``IntegerLookup`` with one out-of-vocabulary bucket).  The statistics and vocabularies come
from the training rows only, never from the validation rows.

TensorFlow and Keras are imported inside the functions (``_optional.require``).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, Mapping

from .._optional import require
from ..errors import InputError
from . import progress as events
from .data import CLASSIFICATION, NUMERIC, Table, feature_arrays, label_array


@dataclass(frozen=True)
class TrainOptions:
    epochs: int = 20
    batch_size: int = 32
    validation_split: float = 0.2
    """Fraction of the rows (shuffled with ``seed``) held out for validation; 0 trains on everything."""
    learning_rate: float = 0.01
    hidden: tuple[int, ...] = (32, 16)
    """Units of the hidden Dense layers."""
    seed: int = 0
    logdir: str | None = None
    """A local folder for TensorBoard event files (None: no TensorBoard callback)."""

    def check(self) -> None:
        if self.epochs < 1:
            raise InputError(f"--epochs must be at least 1, got {self.epochs}")
        if self.batch_size < 1:
            raise InputError(f"--batch-size must be at least 1, got {self.batch_size}")
        if not 0.0 <= self.validation_split < 1.0:
            raise InputError(f"--validation-split must be in [0, 1), got {self.validation_split}",
                             hint="use e.g. 0.2 to hold out a fifth of the rows, or 0 to train on all of them")
        if not self.learning_rate > 0:
            raise InputError(f"--learning-rate must be positive, got {self.learning_rate}")
        if any(h < 1 for h in self.hidden):
            raise InputError(f"--hidden takes positive layer sizes, got {','.join(map(str, self.hidden))}")
        sizes = ",".join(str(h) if h < 10 ** 12 else f"{str(h)[:6]}…" for h in self.hidden[:8])
        if (len(self.hidden) > MAX_HIDDEN_LAYERS or max(self.hidden, default=0) > MAX_HIDDEN_UNITS
                or any(a * b > MAX_LAYER_WEIGHTS for a, b in zip(self.hidden, self.hidden[1:]))):
            raise InputError(f"--hidden {sizes}: too large to train here (at most {MAX_HIDDEN_LAYERS} layers of "
                             f"{MAX_HIDDEN_UNITS} units, {MAX_LAYER_WEIGHTS:,} weights between two layers)",
                             hint="a tabular model needs a few small layers, e.g. --hidden 64,32")


MAX_HIDDEN_LAYERS = 32
MAX_HIDDEN_UNITS = 65_536
MAX_LAYER_WEIGHTS = 1 << 26
"""Bounds of --hidden: beyond them TensorFlow would allocate GiBs (or fail inside Keras) before training starts."""


@dataclass
class Trained:
    """A trained tabular model and what was measured."""

    model: Any = field(repr=False)
    table: Table = field(repr=False)
    train_rows: Any = field(repr=False)
    validation_rows: Any = field(repr=False)
    metrics: dict[str, float] = field(default_factory=dict)
    """The last epoch's metrics (``val_*`` on the held-out rows)."""
    seconds: float = 0.0
    missing_values: dict[str, float] = field(default_factory=dict)
    """Numeric input → the value the model puts in place of a missing one (NaN): the training mean."""


def missing_values(table: Table, train_rows: Any) -> dict[str, float]:
    """Each numeric input's training mean (input name → value): what the model puts in place of NaN."""
    np = require("numpy", purpose="building the model")
    frame = table.frame.iloc[train_rows]
    out: dict[str, float] = {}
    for col in table.plan.columns:
        if col.kind == NUMERIC:
            values = frame[col.name].astype("float64").to_numpy()
            values = values[~np.isnan(values)]
            out[col.input_name] = float(values.mean()) if len(values) else 0.0
    return out


_FILL_MISSING: Any = None


def fill_missing_layer() -> Any:
    """The one custom layer: NaN → a constant (the training mean).  Registered as ``sigcheck>FillMissing``."""
    global _FILL_MISSING
    if _FILL_MISSING is None:
        keras = require("keras", purpose="building the model")

        @keras.saving.register_keras_serializable(package="sigcheck", name="FillMissing")
        class FillMissing(keras.layers.Layer):
            """Replace NaN with ``value`` (missing numbers in a CSV are NaN, and so is a JSON ``NaN``)."""

            def __init__(self, value: float = 0.0, **kwargs: Any) -> None:
                super().__init__(**kwargs)
                self.value = float(value)

            def call(self, x: Any) -> Any:
                return keras.ops.where(keras.ops.isnan(x), keras.ops.full_like(x, self.value), x)

            def get_config(self) -> dict[str, Any]:
                return {**super().get_config(), "value": self.value}

        _FILL_MISSING = FillMissing
    return _FILL_MISSING


def split_rows(count: int, validation_split: float, seed: int) -> tuple[Any, Any]:
    """Shuffle row indices with ``seed`` and hold out ``validation_split`` of them (at least one training row).

    CSV files are often sorted by the label, so Keras' own ``validation_split`` (the last rows) would hold out
    one class only.
    """
    np = require("numpy", purpose="training")
    order = np.random.default_rng(seed).permutation(count)
    n_val = int(round(count * validation_split)) if validation_split > 0 else 0
    if validation_split > 0 and n_val == 0 and count >= 2:
        n_val = 1
    n_val = min(n_val, count - 1)
    return np.sort(order[n_val:]), np.sort(order[:n_val])


def split_message(train: int, validation: int) -> str:
    """What the training stage says: the real split of the rows."""
    def rows(n: int) -> str:
        return f"{n} row{'s' if n != 1 else ''}"

    if validation:
        return f"training on {rows(train)}, validating on {validation}"
    return f"training on {rows(train)} (no rows held out for validation)"


def build_model(table: Table, train_rows: Any, options: TrainOptions) -> Any:
    """The Keras functional model: ``{input_name: keras.Input(shape=(), …)}`` → probabilities / predictions."""
    keras = require("keras", purpose="building the model")
    np = require("numpy", purpose="building the model")
    plan = table.plan
    frame = table.frame.iloc[train_rows]
    fill = fill_missing_layer()
    means = missing_values(table, train_rows)
    inputs: dict[str, Any] = {}
    features: list[Any] = []
    for col in plan.columns:
        inp = keras.Input(shape=(), dtype=col.dtype, name=col.input_name)
        inputs[col.input_name] = inp
        series = frame[col.name]
        if col.kind == NUMERIC:
            values = series.astype("float64").to_numpy()
            values = values[~np.isnan(values)]
            mean = means[col.input_name]
            variance = float(values.var()) if len(values) else 1.0
            if not math.isfinite(variance) or variance <= 0.0:
                variance = 1.0
            x = keras.layers.Reshape((1,))(inp)
            x = fill(value=mean)(x)
            x = keras.layers.Normalization(mean=mean, variance=variance)(x)
        elif col.dtype == "int64":
            vocab = sorted({int(v) for v in series.dropna().tolist()} - {-1})
            x = keras.layers.IntegerLookup(vocabulary=vocab or [0], output_mode="one_hot")(inp)
        else:
            present = [v for v in series.tolist() if not (v is None or (isinstance(v, float) and v != v))]
            vocab = sorted({str(v) for v in present} - {""})
            x = keras.layers.StringLookup(vocabulary=vocab or ["<none>"], output_mode="one_hot")(inp)
        features.append(x)
    x = keras.layers.Concatenate()(features) if len(features) > 1 else features[0]
    for units in options.hidden:
        x = keras.layers.Dense(units, activation="relu")(x)
    if plan.task == CLASSIFICATION:
        out = keras.layers.Dense(len(plan.classes), activation="softmax", name="probabilities")(x)
    else:
        y = label_array(table, train_rows).astype("float64")
        mean, std = float(y.mean()), float(y.std()) or 1.0
        x = keras.layers.Dense(1, name="standardized")(x)
        out = keras.layers.Rescaling(scale=std, offset=mean, name="predictions")(x)
    return keras.Model(inputs=inputs, outputs=out, name="sigcheck_tabular")


def _forwarding_callback(listener: events.Listener, epochs: int, steps: int) -> Any:
    keras = require("keras", purpose="training")

    class Forward(keras.callbacks.Callback):
        epoch = 0

        def on_train_begin(self, logs: Mapping[str, float] | None = None) -> None:
            listener(events.Progress(events.TRAIN_BEGIN, epochs=epochs, steps=steps))

        def on_epoch_begin(self, epoch: int, logs: Mapping[str, float] | None = None) -> None:
            self.epoch = epoch + 1
            listener(events.Progress(events.EPOCH_BEGIN, epoch=epoch + 1, epochs=epochs, steps=steps))

        def on_train_batch_end(self, batch: int, logs: Mapping[str, float] | None = None) -> None:
            listener(events.Progress(events.BATCH_END, epoch=self.epoch, epochs=epochs, step=batch + 1, steps=steps,
                                     logs=_floats(logs)))

        def on_epoch_end(self, epoch: int, logs: Mapping[str, float] | None = None) -> None:
            listener(events.Progress(events.EPOCH_END, epoch=epoch + 1, epochs=epochs, steps=steps,
                                     logs=_floats(logs)))

        def on_train_end(self, logs: Mapping[str, float] | None = None) -> None:
            listener(events.Progress(events.TRAIN_END, epochs=epochs, logs=_floats(logs)))

    return Forward()


def tensorboard_callback(logdir: str) -> Any:
    """Epoch metrics as TensorBoard scalars: ``logdir/train`` and ``logdir/validation``, tags ``epoch_loss`` ….

    The same layout and tags as ``keras.callbacks.TensorBoard``, written with TensorFlow's own ``tf.summary.write``
    and the scalars plugin's metadata, so it works without the ``tensorboard`` package (which TensorFlow no longer
    installs, and which Keras' callback needs); viewing still takes ``pip install tensorboard``.
    """
    import os

    keras = require("keras", purpose="training")
    tf = require("tensorflow", purpose="training")

    class ScalarLogger(keras.callbacks.Callback):
        def __init__(self) -> None:
            super().__init__()
            self.writers: dict[str, Any] = {}
            self.metadata = tf.compat.v1.SummaryMetadata()
            self.metadata.plugin_data.plugin_name = "scalars"

        def _writer(self, split: str) -> Any:
            if split not in self.writers:
                self.writers[split] = tf.summary.create_file_writer(os.path.join(logdir, split))
            return self.writers[split]

        def on_epoch_end(self, epoch: int, logs: Mapping[str, float] | None = None) -> None:
            for key, value in _floats(logs).items():
                split, name = ("validation", key[4:]) if key.startswith("val_") else ("train", key)
                with self._writer(split).as_default():
                    tf.summary.write(f"epoch_{name}", tf.constant(value, tf.float32), step=epoch,
                                     metadata=self.metadata)

        def on_train_end(self, logs: Mapping[str, float] | None = None) -> None:
            for writer in self.writers.values():
                writer.close()

    return ScalarLogger()


def _floats(logs: Mapping[str, Any] | None) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in (logs or {}).items():
        try:
            out[key] = float(value)
        except (TypeError, ValueError):
            continue
    return out


def train(table: Table, options: TrainOptions, listener: events.Listener = events.ignore) -> Trained:
    """Split, build, compile and fit; returns the model and the last epoch's metrics."""
    options.check()
    keras = require("keras", purpose="training")
    keras.utils.set_random_seed(options.seed)
    started = time.perf_counter()
    train_rows, val_rows = split_rows(table.plan.rows, options.validation_split, options.seed)
    listener(events.Progress(events.STAGE, message=split_message(len(train_rows), len(val_rows))))
    model = build_model(table, train_rows, options)
    classification = table.plan.task == CLASSIFICATION
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=options.learning_rate),
        loss="sparse_categorical_crossentropy" if classification else "mean_squared_error",
        metrics=["accuracy"] if classification else ["mean_absolute_error"],
    )
    x_train, y_train = feature_arrays(table, train_rows), label_array(table, train_rows)
    validation = (feature_arrays(table, val_rows), label_array(table, val_rows)) if len(val_rows) else None
    steps = max(1, math.ceil(len(train_rows) / options.batch_size))
    callbacks = [_forwarding_callback(listener, options.epochs, steps)]
    if options.logdir:
        callbacks.append(tensorboard_callback(options.logdir))
    history = model.fit(x_train, y_train, validation_data=validation, epochs=options.epochs,
                        batch_size=options.batch_size, shuffle=True, verbose=0, callbacks=callbacks)
    metrics = {key: float(values[-1]) for key, values in history.history.items() if values}
    return Trained(model=model, table=table, train_rows=train_rows, validation_rows=val_rows, metrics=metrics,
                   seconds=time.perf_counter() - started, missing_values=missing_values(table, train_rows))
