#!/bin/sh
# The source file `build-runner bench --cache-pass` changes before the rebuild.
echo "deps-and-sources: main"
