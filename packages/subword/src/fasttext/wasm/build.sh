#!/bin/sh
# Rebuild fasttext-kernel.wasm from fasttext-kernel.wat. Needs wabt (apt-get install -y wabt); the built
# .wasm is committed so CI and users never need the toolchain.
set -e
cd "$(dirname "$0")"
wat2wasm --enable-threads fasttext-kernel.wat -o fasttext-kernel.wasm
echo "built fasttext-kernel.wasm ($(wc -c < fasttext-kernel.wasm) bytes)"
