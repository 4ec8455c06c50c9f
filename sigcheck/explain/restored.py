"""Read a SavedModel loaded with ``tf.saved_model.load`` used as what it is not: a picklable value, a Keras layer.

``tf.saved_model.load`` (and tf.keras 2's ``load_model`` of an export without Keras metadata) returns a restored
object of a class made at load time, ``Loader._recreate_base_user_object.<locals>._UserObject``
(tensorflow/python/saved_model/load.py), holding the signatures and restored functions: no Keras Model or Layer, and
a local class that pickle cannot name.  Handed to another process or step (multiprocessing, Ray, Dagster's IO
manager), to ``Sequential.add``, or called as a layer on Keras' symbolic inputs, it fails with that library's message
around the class's name.  No category fits (every labelled text of this kind says so: 6 of 6); what this module finds
is a reading for the unknown view, and the texts it reads get no category.

    >>> restored_reading("TypeError: cannot pickle '_thread.lock' object")
    >>> restored_reading("AttributeError: Can't pickle local object "
    ...                  "'Loader._recreate_base_user_object.<locals>._UserObject'").startswith("A SavedModel loaded")
    True
"""

from __future__ import annotations

from .patterns import lazy

_USER_OBJECT = "_UserObject"
"""The restored class's name (``Loader._recreate_base_user_object.<locals>._UserObject``), as every library's message
around it prints it."""
_PICKLE = lazy(r"(?:can't|cannot) pickle|is not picklable|not serializable|PicklingError", 2)
_NOT_A_LAYER = lazy(r"must be an instance of class Layer|is not a Layer|Only instances of `keras\.Layer`|"
                    r"expected a (?:Keras )?layer", 2)
_KERAS_TENSOR = lazy(r"You are passing KerasTensor\(|got KerasTensor \(|expected argument #\d+\(zero-based\) to be a "
                     r"Tensor; got KerasTensor")
_LOADED_CALL = lazy(r"Binding inputs to tf\.function failed|signature_wrapper|restored_function_body|concrete_function")

PICKLED = ("A SavedModel loaded with tf.saved_model.load is a restored object of a class made while loading "
           "(Loader._recreate_base_user_object.<locals>._UserObject): it cannot be pickled, so it cannot be sent to "
           "another process, task or pipeline step (multiprocessing, Ray, Dask, Dagster's or Prefect's stored "
           "results) as a value. Pass the model's path instead and load it where it is used, once per worker (a "
           "Pool initializer, an actor's __init__, the step that predicts); pass arrays, not the model")
NOT_A_LAYER = ("A SavedModel loaded with tf.saved_model.load (or by tf.keras 2's load_model from an export without "
               "Keras metadata) is a restored object, not a Keras layer or model: it cannot be added to a Sequential "
               "or composed as a layer. Wrap it: keras.layers.TFSMLayer(path, call_endpoint='serving_default') in "
               "Keras 3 (hub.KerasLayer(path, signature='serving_default', output_key=...) in tf.keras 2), or load the "
               ".keras / .h5 file the export came from")
SYMBOLIC = ("A loaded SavedModel's function (a signature, a restored tf.function) was called on Keras' symbolic inputs "
            "(KerasTensors, while a Functional model is being built): it runs only on real tensors. Call it inside a "
            "layer -- keras.layers.TFSMLayer(path, call_endpoint='serving_default') in Keras 3, hub.KerasLayer(path) "
            "in tf.keras 2, or a custom Layer whose call() invokes it -- so the model calls it with tensors")


def restored_reading(text: str) -> str | None:
    """What was done with a loaded SavedModel that it is not, when the text says so; else None."""
    if _USER_OBJECT in text:
        if _PICKLE.search(text):
            return PICKLED
        if _NOT_A_LAYER.search(text):
            return NOT_A_LAYER
    if _KERAS_TENSOR.search(text) and _LOADED_CALL.search(text):
        return SYMBOLIC
    return None
