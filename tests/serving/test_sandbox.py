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
    # u3 F11: the refusal is the sandbox's (TF Serving would have written the file), and that is said where the
    # sandbox is said (predict's summary line, --json "sandbox")
    assert model.refused == str(target)
    assert f"it refused the model's write to {target}: this error is sigcheck's sandbox, not TF Serving's answer" \
        in model.sandbox


@pytest.mark.tf
@needs_landlock
def test_predict_says_the_403_is_the_sandboxs(tmp_path: Path, cli) -> None:
    """u3 F11: `predict --allow-op WriteFile` on a model that writes a file: TF Serving would write it and answer 200;
    the 403 the sandbox causes is said to be the sandbox's, in the summary and in --json."""
    import json

    import tensorflow as tf

    target = tmp_path / "pwned.txt"

    class Writer(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
        def serve(self, x):
            tf.io.write_file(str(target), "pwned")
            return {"y": x * 2.0}

    m = Writer()
    tf.saved_model.save(m, str(tmp_path / "wf" / "1"), signatures={"serving_default": m.serve})
    req = tmp_path / "x.json"
    req.write_text('{"instances": [1.0, 2.0]}')
    code, out, err = cli("predict", req, "--model", tmp_path / "wf", "--allow-op", "WriteFile")
    assert code == 1 and not target.exists()
    assert f"it refused the model's write to {target}: this error is sigcheck's sandbox, not TF Serving's answer" \
        in err, err
    assert f"sigcheck's sandbox stopped the model's write to {target} (TF Serving would not): HTTP 403" in err, err
    assert "the model failed while running" not in err
    code, out, err = cli("predict", req, "--model", tmp_path / "wf", "--allow-op", "WriteFile", "--json")
    assert "not TF Serving's answer" in json.loads(out)["sandbox"]
    assert json.loads(out)["refused"] == str(target)


def test_refused_write_is_a_write_this_user_could_make(tmp_path: Path) -> None:
    from sigcheck.serving.sandbox import refused_write

    own = tmp_path / "child"
    own.mkdir()
    msg = "{}; Permission denied\n\t [[{{{{function_node __inference_serve_10}}}}{{{{node WriteFile}}}}]]"
    assert refused_write(msg.format(tmp_path / "out.txt"), str(own)) == str(tmp_path / "out.txt")
    assert refused_write(msg.format(own / "x"), str(own)) is None  # (its own folder: not the sandbox's doing)
    assert refused_write(msg.format("/no/such/folder/x"), str(own)) is None  # (TF Serving would fail too)
    assert refused_write("Matrix size-incompatible: In[0]: [1,2], In[1]: [4,1]", str(own)) is None
