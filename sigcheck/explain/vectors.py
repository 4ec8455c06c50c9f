"""Read a vector index's refusal of a model's embeddings (faiss): what the index takes that the code did not give.

A model's embeddings go into an index (``index.add(emb)``, ``index.search(query, k)``); faiss' Python wrappers
(faiss/class_wrappers.py: ``n, d = x.shape``, ``assert d == self.d``, ``np.empty((n, k))``) and its SWIG layer (an
argument of C type ``float *``: a float32 array) raise plain Python exceptions whose message alone names nothing.
Raised there, they say which of the index's terms the embeddings missed: the width the index was built with, a 2-D
float32 array, an integer k, one output of a model with several.  No category fits (the labelled texts of faiss'
refusals say so, 5 of 6; one vector without its batch axis is missing_batch_dimension, read by frames'
shape_unpack_reading); these are readings for the unknown view.  hnswlib's and faiss' own messages (``Wrong
dimensionality of the vectors``, ``array is not C-contiguous``, ``add_with_ids not implemented``) are index entries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .patterns import lazy

if TYPE_CHECKING:
    from .frames import Frames

_FAISS = lazy(r"^faiss(?:\.|$)")
_SWIG_FLOAT = lazy(r"^in method '(?P<method>\w{1,80})', argument \d{1,2} of type '(?:float|const float) ?\*'")
_NOT_INTEGER = lazy(r"^'float' object cannot be interpreted as an integer")
_NO_SHAPE = lazy(r"^'(?P<cls>dict|list|str|tuple)' object has no attribute 'shape'")


def vector_index_reading(fr: "Frames") -> str | None:
    """What the code gave a faiss index that it does not take, when the exception was raised in faiss; else None."""
    at = fr.raised_in
    if fr.cut or not fr.exception or at is None or not _FAISS.search(at.module):
        return None
    message, code = fr.message.strip(), at.code or ""
    if fr.exception == "AssertionError" and "d == self.d" in code:
        return ("The vectors' width (d, their second axis) is not the width the faiss index was built with (index.d): "
                "query embeddings from another model, export or version than the indexed ones, or another output "
                "of the same model. Embed the queries with the model (and output) the index was built from -- "
                "print(x.shape, index.d) -- or rebuild the index from the new model's embeddings")
    if fr.exception == "AttributeError" and _NO_SHAPE.search(message):
        cls = _NO_SHAPE.search(message)["cls"]
        given = ("a dict -- model.predict of a model with several outputs (or a signature's answer) gives one array "
                 "per output name" if cls == "dict" else f"a {cls}")
        return (f"faiss takes one 2-D float32 array (n, d) and was given {given}. Give it the embedding output only: "
                "np.asarray(out['NAME'], dtype='float32') (the output the index holds), stacked into (n, d)")
    if fr.exception == "TypeError" and _SWIG_FLOAT.search(message):
        return ("faiss' C++ function takes a float32 array (C type float *) and was given another dtype -- float64 "
                "(NumPy's default, pandas' values), float16 or int: convert first, x = np.ascontiguousarray(x, "
                "dtype='float32'), then normalize_L2 / add / search")
    if fr.exception == "TypeError" and _NOT_INTEGER.search(message) and "k" in code:
        return ("faiss' index.search(x, k) takes k, the number of neighbours, as an int and was given a float (a "
                "value read from a config or computed): index.search(x, int(k))")
    return None
