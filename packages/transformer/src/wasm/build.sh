#!/bin/sh
# Rebuild batched-matmul.wasm from batched-matmul.wat. Needs wabt (apt-get install -y wabt); the built .wasm
# is committed so CI and users never need the toolchain.
set -e
cd "$(dirname "$0")"
wat2wasm batched-matmul.wat -o batched-matmul.wasm
echo "built batched-matmul.wasm ($(wc -c < batched-matmul.wasm) bytes)"
