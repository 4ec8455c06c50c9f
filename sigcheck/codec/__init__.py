"""TF Serving's REST JSON rules, in one place: request JSON → typed tensors, tensors → response JSON."""
