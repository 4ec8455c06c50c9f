"""The model's process may write only in its own temporary folder and make no TCP connection (Linux Landlock)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from sigcheck.serving.sandbox import abi

needs_landlock = pytest.mark.skipif(abi() < 1, reason="Landlock is not available on this system")

PROBE = """
import os, socket, sys
from sigcheck.serving.sandbox import restrict
allowed, outside, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
print(restrict(allowed))
open(os.path.join(allowed, "ok.txt"), "w").write("ok")
for what, act in (("write", lambda: open(outside, "w")),
                  ("connect", lambda: socket.create_connection(("127.0.0.1", port), timeout=5))):
    try:
        act()
        print(what, "allowed")
    except PermissionError:
        print(what, "refused")
"""


@needs_landlock
def test_writes_outside_the_folder_and_tcp_are_refused(tmp_path: Path) -> None:
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    outside = tmp_path / "outside.txt"
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        out = subprocess.run([sys.executable, "-c", PROBE, str(allowed), str(outside), str(port)],
                             capture_output=True, text=True, timeout=60)
    lines = out.stdout.splitlines()
    assert lines[0].startswith("sandboxed (Landlock ABI"), out.stderr
    assert (allowed / "ok.txt").read_text() == "ok" and not outside.exists()
    assert "write refused" in lines
    assert ("connect refused" in lines) == (abi() >= 4)


@needs_landlock
@pytest.mark.tf
def test_an_allowed_write_op_cannot_write_outside(tmp_path: Path) -> None:
    """A WriteFile the user allowed (--allow-unsafe-ops) still cannot write where it likes: TensorFlow's error."""
    import tensorflow as tf

    from sigcheck.serving import start_model

    target = tmp_path / "pwned.txt"
    export = tmp_path / "writer" / "1"
    graph = tf.Graph()
    with graph.as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None], name="x")
        write = tf.io.write_file(str(target), "pwned")
        with tf.control_dependencies([write]):
            y = tf.identity(x * 2.0, name="y")
        with tf.compat.v1.Session(graph=graph) as sess:
            builder = tf.compat.v1.saved_model.Builder(str(export))
            sig = tf.compat.v1.saved_model.predict_signature_def({"x": x}, {"y": y})
            builder.add_meta_graph_and_variables(sess, ["serve"], signature_def_map={"serving_default": sig})
            builder.save()
    with start_model(str(export), allow_unsafe_ops=True) as model:
        assert model.sandbox.startswith("sandboxed")
        result = model.run("serving_default", {"x": np.array([1.0], np.float32)})
    assert result.outputs is None and result.error is not None, result
    assert "Permission denied" in result.error.message or "PERMISSION_DENIED" in result.error.status_code
    assert not target.exists()
