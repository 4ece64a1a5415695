#!/bin/sh
# Regenerate the configure script.
set -e
cd "$(dirname "$0")"
mkdir -p build-aux
autoreconf -fi
echo "Now run ./configure && make"
