#!/bin/sh
# The bench's stand-in for an application's source.
echo "hello from the bench app"
