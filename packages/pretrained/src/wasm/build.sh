#!/bin/sh
# Rebuild text-parser.wasm from text-parser.wat. Needs wabt (apt-get install -y wabt); the built .wasm is
# committed so CI and users never need the toolchain.
set -e
cd "$(dirname "$0")"
wat2wasm --enable-threads text-parser.wat -o text-parser.wasm
echo "built $(pwd)/text-parser.wasm ($(wc -c < text-parser.wasm) bytes)"
