#!/bin/bash
# worktree.sh DIR REV: check out commit REV of $TREE at DIR (detached), for
# the kernels built from another commit than the series' head: KERNEL=base
# (REV "base", the unpatched source) and KERNEL=fixes (REV "fixes", the
# last of the first $FIXES patches: the fixes and their selftests alone).
set -eu
. "$(dirname "$0")/lib.sh"

dir=$(realpath -m "$1") rev=$2
if [ "$rev" = fixes ]; then
	rev=$(git -C "$TREE" rev-list --reverse base..HEAD | sed -n "${FIXES}p")
	[ -n "$rev" ] || die "the series has fewer than FIXES=$FIXES patches"
fi
want=$(git -C "$TREE" rev-parse "$rev")
if [ "$(git -C "$dir" rev-parse HEAD 2>/dev/null)" = "$want" ]; then
	exit 0
fi
rm -rf "$dir"
git -C "$TREE" worktree prune
log "checking out ${dir#$TOP/}: $(git -C "$TREE" log -1 --format='%h %s' "$want")"
git -C "$TREE" worktree add -q --detach "$dir" "$want"
