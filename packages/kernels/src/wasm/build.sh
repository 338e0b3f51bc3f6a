#!/bin/sh
# Rebuild gemm.wasm from gemm.wat. Needs wabt (apt-get install -y wabt); the built .wasm is committed so CI
# and users never need the toolchain.
set -e
cd "$(dirname "$0")"
wat2wasm gemm.wat -o gemm.wasm
echo "built gemm.wasm ($(wc -c < gemm.wasm) bytes)"
