"""Regenerate ``saved_model_pb2.py`` and ``object_graph_pb2.py`` from their .proto (needs grpcio-tools; run by hand, output committed).

    python -m sigcheck.model.proto.build [saved_model|object_graph ...]

The generated module's protobuf runtime-version guard is removed: the descriptor it registers is plain
proto3 that every protobuf runtime from 4.21 on reads, and sigcheck must work with whichever protobuf the
user's TensorFlow pins.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    names = sys.argv[1:] or ["saved_model", "object_graph"]
    for name in names:
        subprocess.run(
            [sys.executable, "-m", "grpc_tools.protoc", f"-I{HERE}", f"--python_out={HERE}", f"{name}.proto"],
            check=True,
        )
        out = HERE / f"{name}_pb2.py"
        text = out.read_text()
        text = re.sub(r"from google\.protobuf import runtime_version as _runtime_version\n", "", text)
        text = re.sub(r"_runtime_version\.ValidateProtobufRuntimeVersion\([^)]*\)\n", "", text, flags=re.S)
        out.write_text(text)
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
