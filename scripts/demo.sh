#!/usr/bin/env bash
# `make demo`: the bundled penguins example end to end, with nothing downloaded.
#   1. train + export a Keras model from the palmerpenguins CSV      (sigcheck export)
#   2. look at its serving signature                                  (sigcheck inspect)
#   3. check the sample request written beside the model              (sigcheck validate)
#   4. answer it locally as TF Serving would                          (sigcheck predict)
#   5. make a classic client mistake, get TF Serving's real error, and have it explained (sigcheck explain)
# Everything goes to demo-out/ (removed by `make clean`).
set -euo pipefail
cd "$(dirname "$0")/.."

SIGCHECK=${SIGCHECK:-.venv/bin/sigcheck}
OUT=${DEMO_OUT:-demo-out}
MODEL="$OUT/penguins"
export NO_GCE_CHECK=true TF_CPP_MIN_LOG_LEVEL=2

step() {
  printf '\n== %s\n' "$1"
  shift
  printf '$ %s\n' "$*"
}

rm -rf "$OUT"
mkdir -p "$OUT"

step "1. train and export the penguins example (species from measurements, island and sex)" \
  sigcheck export --example penguins --output "$MODEL" --epochs 10
VERSION_DIR=$("$SIGCHECK" export --example penguins --output "$MODEL" --epochs 10)
REQUEST="$VERSION_DIR/assets.extra/request.json"
echo "version folder: $VERSION_DIR"

step "2. the serving signature: one named input per CSV column, outputs probabilities + classes" \
  sigcheck inspect "$MODEL"
"$SIGCHECK" inspect "$MODEL"

step "3. the sample request written beside the model (three real rows of the CSV)" \
  sigcheck validate "$REQUEST" --model "$MODEL"
cat "$REQUEST"
"$SIGCHECK" validate "$REQUEST" --model "$MODEL"

step "4. run it through the model, answering as TF Serving would" \
  sigcheck predict "$REQUEST" --model "$MODEL"
"$SIGCHECK" predict "$REQUEST" --model "$MODEL" > "$OUT/response.json"
cat "$OUT/response.json"
echo  # TF Serving's body has no final newline

step "5. a real error: a client misspells a column name (bill_lenght_mm)" \
  sigcheck predict "$OUT/bad-request.json" --model "$MODEL" '>' "$OUT/error.json"
cat > "$OUT/bad-request.json" <<'JSON'
{"instances": [{"island": "Torgersen", "bill_lenght_mm": 39.1, "bill_depth_mm": 18.7,
                "flipper_length_mm": 181, "body_mass_g": 3750, "sex": "male", "year": 2007}]}
JSON
status=0
"$SIGCHECK" predict "$OUT/bad-request.json" --model "$MODEL" > "$OUT/error.json" || status=$?
if [ "$status" -ne 1 ]; then
  echo "demo: expected predict to reject the bad request (exit 1), got exit $status" >&2
  exit 1
fi
cat "$OUT/error.json"
echo

step "   ... and what it means" \
  sigcheck explain "$OUT/error.json" --model "$MODEL" --request "$OUT/bad-request.json"
"$SIGCHECK" explain "$OUT/error.json" --model "$MODEL" --request "$OUT/bad-request.json"

printf '\n== done: the model is in %s; TensorBoard: tensorboard --logdir %s/logs\n' \
  "$VERSION_DIR" "$MODEL"
