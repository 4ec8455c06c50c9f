"""The pre-deploy gate: rules over a model (and requests), each a generator of Diagnostics registered by id."""
