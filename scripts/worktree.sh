#!/bin/bash
# worktree.sh DIR REV: check out a commit of $TREE at DIR (detached), for
# the kernels built from another commit than the series' head (rev= in
# kernels/*.conf): REV "base" is the unpatched source, a number N the
# series' first N patches (KERNEL=fixes: the fixes and their selftests);
# any other git revision (planted.sh: HEAD) is taken as it is.
set -eu
. "$(dirname "$0")/lib.sh"

dir=$(realpath -m "$1") rev=$2
[ "$dir" != "$(realpath -m "$TREE")" ] || die "worktree.sh: will not replace the tree itself ($TREE)"
case $rev in
[1-9]|[1-9][0-9]|[1-9][0-9][0-9])	# the first N patches
	n=$rev
	rev=$(git -C "$TREE" rev-list --reverse base..HEAD | sed -n "${n}p")
	[ -n "$rev" ] || die "rev=$n: the series has fewer than $n patches"
	;;
esac
want=$(git -C "$TREE" rev-parse "$rev")
if [ "$(git -C "$dir" rev-parse HEAD 2>/dev/null)" = "$want" ]; then
	exit 0
fi
rm -rf "$dir"
git -C "$TREE" worktree prune
log "checking out ${dir#$TOP/}: $(git -C "$TREE" log -1 --format='%h %s' "$want")"
git -C "$TREE" worktree add -q --detach "$dir" "$want"
