"""TF Serving's configuration and warm-up messages (generated ``serving_config_pb2``; see build.py)."""
