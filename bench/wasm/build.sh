#!/bin/sh
# Rebuild the ceiling loops of bench/limits.ts (wabt's wat2wasm; the .wasm files are committed).
set -e
cd "$(dirname "$0")"
wat2wasm limits.wat -o limits.wasm
wat2wasm --enable-relaxed-simd limits-relaxed.wat -o limits-relaxed.wasm
