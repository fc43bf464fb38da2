#!/bin/bash
# Apply $PATCHES/series (patches/series, or patches/stable-6.1/series with
# LINE=6.1) onto the base commit of $TREE, one commit per patch.
# Work in $TREE that is not yet exported is never thrown away.
set -eu
. "$(dirname "$0")/lib.sh"

cd "$TREE"
mapfile -t files < <(series_files)
for f in "${files[@]}"; do
	[ -f "$f" ] || die "${PATCHES#$TOP/}/series names ${f#$TOP/}, which does not exist"
done
want=$(hash_files "${files[@]}")
stamp=$TREE/.git/hugeacct-applied   # "<patches hash> <HEAD>" after apply/export

if [ -f "$stamp" ]; then
	read -r had head < "$stamp"
	if [ "$had" = "$want" ]; then
		# An interrupted make check leaves a prefix checked out: back to
		# the whole series if nothing else changed.
		if [ "$(git rev-parse HEAD)" != "$head" ] &&
		   [ "$(git rev-parse -q --verify series)" = "$head" ] &&
		   [ -z "$(git status --porcelain --untracked-files=no)" ]; then
			log "$TREE was left at \"$(git log -1 --format=%s)\" (an interrupted make check?): back to the whole series"
			git checkout -q series
		fi
		exit 0
	fi
	# patches/ changed (e.g. git pull): re-apply, unless the tree holds
	# work that patches/ does not have.
	if [ "$(git rev-parse HEAD)" != "$head" ] ||
	   [ -n "$(git status --porcelain --untracked-files=no)" ]; then
		die "${PATCHES#$TOP/}/ changed, but $TREE has commits or edits not exported.
  Export them (make export LINE=$LINE) or drop them (rm -rf $TREE), then retry."
	fi
fi

git am --abort >/dev/null 2>&1 || true
git checkout -q -f --detach base
git branch -q -f series base
git checkout -q series
n=0
for f in "${files[@]}"; do
	case ${f##*/} in 0000-*) continue ;; esac   # the cover letter
	n=$((n + 1))
	if ! out=$(git am -q --keep-cr --committer-date-is-author-date "$f" 2>&1); then
		git am --abort >/dev/null 2>&1 || true
		printf '%s\n' "$out" | grep -E 'error:|patch failed|does not apply|Patch failed' >&2 || printf '%s\n' "$out" >&2
		die "patch ${f#$TOP/} does not apply to $(git log -1 --format=%s base) (see the file and hunk above)"
	fi
done
echo "$want $(git rev-parse HEAD)" > "$stamp"
log "applied $n patches onto $(git log -1 --format=%s base)"
