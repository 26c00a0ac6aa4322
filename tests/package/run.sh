#!/usr/bin/env bash
# Installs the build into a temporary prefix, builds tests/package against it
# with find_package(gpai), and runs it on an example card.
set -euo pipefail
build_dir=$1
source_dir=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build_dir" --prefix "$prefix" >/dev/null
cmake -S "$source_dir/tests/package" -B "$prefix/consumer" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$prefix/consumer" >/dev/null
"$prefix/consumer/consumer" "$prefix/share/gpai" "$source_dir/data/examples/llama-3.1-405b.json"
