#!/bin/bash
# Check out the base commit of $TREE (the unpatched source) at $BASETREE,
# for KERNEL=base builds.
set -eu
. "$(dirname "$0")/lib.sh"

want=$(git -C "$TREE" rev-parse base)
if [ "$(git -C "$BASETREE" rev-parse HEAD 2>/dev/null)" = "$want" ]; then
	exit 0
fi
rm -rf "$BASETREE"
git -C "$TREE" worktree prune
log "checking out the base source at ${BASETREE#$TOP/}"
git -C "$TREE" worktree add -q --detach "$BASETREE" base
