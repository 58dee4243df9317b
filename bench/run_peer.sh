#!/usr/bin/env bash
# run_peer.sh PEER N  -- one cold build of the timeline site with PEER from N events.
#
# PEER: ours | hugo | pelican | eleventy   (copied from the project's shared benchmark kit; `ours` added)
# Prepares (untimed) WORK/sites/PEER-N from peers/PEER plus the generated events,
# deletes the output folder and the peer's own caches, then times ONE build and
# prints a single line:
#   peer=hugo n=1000 wall_s=1.131 user_s=1.13 sys_s=0.64 maxrss_mb=109.5 out_files=1051 out_bytes=2717674 rc=0 load1=0.81
# wall_s is the whole build process (start-up included), measured around
# /usr/bin/time, which supplies user/sys CPU and peak RSS (largest single process).
# WORK is $BENCH_WORK, else $TMPDIR/ssgbench, else /tmp/ssgbench (see setup_peers.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/ssgbench}
PEER=${1:?usage: run_peer.sh PEER N}
N=${2:?usage: run_peer.sh PEER N}
VENV=$WORK/venv

REPO=$(cd "$HERE/.." && pwd)
case $PEER in
  ours)     CONTENT=events; OUT=site; CACHES=".timeline-cache"
            BUILD=("$REPO/.venv/bin/python" "$REPO/build.py" build --root .) ;;
  hugo)     CONTENT=content/events; OUT=public; CACHES="resources .hugo_build.lock"
            HUGO_BIN=$(ls "$VENV"/lib/python3*/site-packages/hugo/binaries/hugo | head -1)
            # the binary itself, not the Python wrapper script (which adds ~0.1 s of start-up)
            BUILD=("$HUGO_BIN" --quiet) ;;
  pelican)  CONTENT=content/events; OUT=output; CACHES="cache __pycache__"
            BUILD=("$VENV/bin/pelican" content -s pelicanconf.py -o output) ;;
  eleventy) CONTENT=events; OUT=_site; CACHES=".cache"
            BUILD=("$WORK/eleventy/node_modules/.bin/eleventy" --quiet) ;;
  jekyll|jekyll-fixed)
            # jekyll-fixed = peers/jekyll + peers/jekyll-fixed (upstream fix of a 4.3.1
            # O(N^2) regression, see peers/jekyll-fixed/_plugins/each_site_file_fix.rb)
            CONTENT=_posts; OUT=_site; CACHES=".jekyll-cache .jekyll-metadata .sass-cache"
            BUILD=(jekyll build --quiet) ;;
  mkdocs)   CONTENT=docs/events; OUT=site; CACHES="__pycache__"
            BUILD=("$VENV/bin/mkdocs" build --quiet) ;;
  *) echo "unknown peer: $PEER" >&2; exit 2 ;;
esac

# --- prepare (not timed) ---------------------------------------------------
EVENTS=$WORK/events/$N
if [ ! -f "$EVENTS/.complete" ]; then
  rm -rf "$EVENTS"
  python3 "$HERE/gen_events.py" "$N" "$EVENTS"
  touch "$EVENTS/.complete"
fi
SITE=$WORK/sites/$PEER-$N
mkdir -p "$SITE"
if [ "$PEER" = ours ]; then
  rm -rf "$SITE/templates"; cp -a "$REPO/templates" "$REPO/timeline.toml" "$SITE/"
else
  cp -a "$HERE/peers/$PEER/." "$SITE/"
fi
if [ ! -f "$SITE/.events-ok" ]; then
  mkdir -p "$SITE/$CONTENT"
  find "$SITE/$CONTENT" -maxdepth 1 -name '*.md' -delete
  cp -a "$EVENTS/." "$SITE/$CONTENT/"
  rm -f "$SITE/$CONTENT/.complete"
  touch "$SITE/.events-ok"
fi
cd "$SITE"
# Moved aside, not deleted: deleting ~20,000 files just before a build makes ext4 slow to create
# new ones (it skips recently freed inodes), which would time the file system, not the peer.
# compare.py empties $WORK/trash when no build is being timed.
TRASH=$WORK/trash/$PEER-$N-$(date +%s%N)
mkdir -p "$TRASH"
for c in "$OUT" $CACHES; do if [ -e "$c" ] || [ -L "$c" ]; then mv "$c" "$TRASH/"; fi; done
if [ -n "${PREPARE_ONLY:-}" ]; then echo "$SITE"; exit 0; fi   # used by incr_peer.py
LOG=$SITE/build.log
TF=$SITE/time.out

# --- timed build -------------------------------------------------------------
read -r load1 _ < /proc/loadavg    # machine load just before the run (noise indicator)
t0=$(date +%s%N)
set +e
/usr/bin/time -f "%U %S %M" -o "$TF" -- "${BUILD[@]}" >"$LOG" 2>&1
rc=$?
set -e
t1=$(date +%s%N)

read -r user sys maxrss_kb < <(tail -1 "$TF")
files=$(find "$OUT" -type f 2>/dev/null | wc -l)
bytes=$(find "$OUT" -type f -printf '%s\n' 2>/dev/null | awk '{s+=$1} END {print s+0}')
awk -v p="$PEER" -v n="$N" -v t0="$t0" -v t1="$t1" -v u="$user" -v s="$sys" \
    -v m="$maxrss_kb" -v f="$files" -v b="$bytes" -v rc="$rc" -v l="$load1" 'BEGIN {
  printf "peer=%s n=%s wall_s=%.3f user_s=%s sys_s=%s maxrss_mb=%.1f out_files=%s out_bytes=%s rc=%s load1=%s\n",
         p, n, (t1 - t0) / 1e9, u, s, m / 1024, f, b, rc, l }'
if [ "$rc" != 0 ]; then tail -20 "$LOG" >&2; fi
exit "$rc"
