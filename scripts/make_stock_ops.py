"""Regenerate sigcheck/gate/stock_ops.json: every op registered in the installed stock TensorFlow.

    .venv/bin/python scripts/make_stock_ops.py

Run by hand after a TensorFlow upgrade and commit the result; the gate reads the JSON without TensorFlow.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "sigcheck" / "gate" / "stock_ops.json"


def main() -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    from tensorflow.core.framework import op_def_pb2
    from tensorflow.python.client import pywrap_tf_session as c_api

    buf = c_api.TF_GetAllOpList()
    ops = op_def_pb2.OpList()
    ops.ParseFromString(c_api.TF_GetBuffer(buf))
    names = sorted({op.name for op in ops.op})
    data = {
        "about": "ops registered in stock TensorFlow (pip package), from TF_GetAllOpList; "
        "regenerate with scripts/make_stock_ops.py",
        "tensorflow_version": tf.__version__,
        "ops": names,
    }
    OUT.write_text(json.dumps(data, indent=0) + "\n")
    print(f"wrote {OUT}: {len(names)} ops from TensorFlow {tf.__version__}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
