"""Regenerate ``serving_config_pb2.py`` from ``serving_config.proto`` (needs grpcio-tools; run by hand, output committed).

    python -m sigcheck.serving_config.proto.build

As for :mod:`sigcheck.model.proto.build`: the generated module's protobuf runtime-version guard is removed (plain
proto3 that every protobuf runtime from 4.21 on reads).  ``serving_config.proto`` imports the SavedModel messages
(``TensorProto``) from ``sigcheck/model/proto/saved_model.proto``; the generated import is pointed at that package.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODEL_PROTO = HERE.parent.parent / "model" / "proto"


def main() -> int:
    import grpc_tools

    include = Path(grpc_tools.__file__).resolve().parent / "_proto"
    subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", f"-I{HERE}", f"-I{MODEL_PROTO}", f"-I{include}",
         f"--python_out={HERE}", "serving_config.proto"],
        check=True,
    )
    out = HERE / "serving_config_pb2.py"
    text = out.read_text()
    text = re.sub(r"from google\.protobuf import runtime_version as _runtime_version\n", "", text)
    text = re.sub(r"_runtime_version\.ValidateProtobufRuntimeVersion\([^)]*\)\n", "", text, flags=re.S)
    text, n = re.subn(r"^import saved_model_pb2 as saved__model__pb2$",
                      "from sigcheck.model.proto import saved_model_pb2 as saved__model__pb2", text, flags=re.M)
    if n != 1:
        raise SystemExit("serving_config_pb2.py: the saved_model_pb2 import was not found to rewrite")
    out.write_text(text)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
