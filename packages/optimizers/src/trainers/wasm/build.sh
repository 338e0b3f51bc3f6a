#!/bin/sh
# Rebuild word2vec-kernel.wasm from word2vec-kernel.wat. Needs wabt (apt-get install -y wabt); the built
# .wasm is committed so CI and users never need the toolchain.
set -e
cd "$(dirname "$0")"
wat2wasm --enable-threads word2vec-kernel.wat -o word2vec-kernel.wasm
echo "built $(pwd)/word2vec-kernel.wasm ($(wc -c < word2vec-kernel.wasm) bytes)"
