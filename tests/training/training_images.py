"""Image helpers for the training tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

import io

import numpy as np


def png_bytes(pixels: np.ndarray) -> list[bytes]:
    """Encode each uint8 image of a batch (N, H, W, C) as PNG bytes (needs Pillow)."""
    from PIL import Image

    out = []
    for image in pixels:
        buf = io.BytesIO()
        Image.fromarray(image).save(buf, format="PNG")
        out.append(buf.getvalue())
    return out
