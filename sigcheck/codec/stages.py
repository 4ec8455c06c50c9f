"""Where TF Serving's answer to a request comes from: one vocabulary for validate's verdict and predict's answer."""

from __future__ import annotations

OK = "ok"
"""TF Serving answers 200."""
REQUEST = "request"
"""TF Serving's JSON layer (or its input checks) rejects the request before the model runs."""
EXECUTION = "execution"
"""The model failed while running (Session::Run)."""
RESPONSE = "response"
"""The outputs cannot be written as JSON (rank-0 output in row format, inconsistent batch, unsupported dtype)."""
MODEL = "model"
"""The model cannot answer any request, with no status sigcheck can state (it fails to load, loads without its
weights, or runs Python no model server can run): said by validate from the model's files."""
CRASH = "crash"
"""The model's process died, hung past the time budget or passed the memory ceiling: no answer at all (predict)."""
