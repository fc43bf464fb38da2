#!/bin/bash
# The series' review checks, one line per patch:
#  - scripts/checkpatch.pl --strict: no error, warning or check, and a
#    MAINTAINERS entry for every file the patch adds;
#  - the kernel builds with the patches up to this one (bisectable),
#    without a compiler warning;
#  - sparse (C=2) and W=1 on the .c files the patch touches: no warning
#    that the same files did not already have before the patch.
# It checks the commits out in $TREE itself (which must be clean, and is
# put back as it was), so that ccache finds the objects of earlier builds.
# LINE=6.1 checks the 6.1 backport (patches/stable-6.1) in its own tree,
# with that tree's checkpatch.pl.
set -eu
. "$(dirname "$0")/lib.sh"

src=$TREE out=$BUILD/check
frags=("$TOP"/config/guest.config "$TOP"/config/mm.config)
if [ "$LINE" != 6.12 ]; then
	out=$BUILD/check-$LINE
	frags+=("$TOP/config/stable-$LINE.config")
fi
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/hugeacct-ccache}
export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1
# checkpatch's spdxcheck.py needs Debian's python3 (python3-ply,
# python3-git), not another python3 that may come first in PATH.
export PATH=/usr/bin:$PATH

[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
	die "$TREE has uncommitted changes: commit them first"
mapfile -t commits < <(git -C "$TREE" rev-list --reverse base..HEAD)
[ ${#commits[@]} -gt 0 ] || die "the series is empty"
orig=$(git -C "$TREE" symbolic-ref -q --short HEAD || git -C "$TREE" rev-parse HEAD)
trap 'git -C "$TREE" checkout -q "$orig"' EXIT

# warnings REV FILE...: sparse and W=1 diagnostics for FILEs at REV,
# without line numbers so that moved code compares equal.
warnings() {
	local rev=$1 f objs=()
	shift
	git -C "$src" checkout -q --detach "$rev"
	for f in "$@"; do
		[ -f "$src/$f" ] && objs+=("${f%.c}.o")
	done
	[ ${#objs[@]} -gt 0 ] || return 0
	make -s -C "$src" O="$out" CC="ccache gcc" C=2 W=1 "${objs[@]}" 2>&1 |
		grep -E 'warning:|error:' | sed -E 's/:[0-9]+:[0-9]+:/:/; s/:[0-9]+:/:/' | sort -u
}

echo "# ${PATCHES#$TOP/}/ on $(git -C "$TREE" log -1 --format=%s base)"
fail=0 i=0
for c in "${commits[@]}"; do
	i=$((i + 1))
	subject=$(git -C "$TREE" log -1 --format=%s "$c")
	problems=()

	git -C "$src" checkout -q --detach "$c"
	# checkpatch asks about MAINTAINERS for every new file; instead,
	# check that each new file has a MAINTAINERS entry. The tree is
	# Debian's tarball with no upstream history, so checkpatch cannot
	# look up the commit ids that Fixes: tags and changelogs cite
	# (UNKNOWN_COMMIT_ID); they were checked against upstream by hand.
	patch=$(git -C "$TREE" format-patch -1 --stdout "$c")
	if ! cp=$(printf '%s\n' "$patch" | (cd "$src" && ./scripts/checkpatch.pl \
		--strict --quiet --no-summary --ignore FILE_PATH_CHANGES,UNKNOWN_COMMIT_ID -)); then
		problems+=("checkpatch")
		printf '%s\n' "$cp" | sed 's/^/    /' >&2
	fi
	for f in $(git -C "$TREE" diff-tree --no-commit-id --name-only --diff-filter=A -r "$c"); do
		n=$(cd "$src" && ./scripts/get_maintainer.pl --nogit --nogit-fallback \
			--norolestats -f "$f" 2>/dev/null | grep -vc 'linux-kernel@vger')
		if [ "$n" = 0 ]; then
			problems+=("MAINTAINERS")
			echo "    $f: no MAINTAINERS entry covers it" >&2
		fi
	done
	if ! "$TOP/scripts/build-kernel.sh" "$src" "$out" "${frags[@]}" \
		>"$out.log" 2>&1 < /dev/null || grep -q 'warning:' "$out.log"; then
		problems+=("build")
		grep -E 'error|warning' "$out.log" | head -20 | sed 's/^/    /' >&2
	fi

	mapfile -t files < <(git -C "$TREE" diff-tree --no-commit-id --name-only -r "$c" |
		grep -E '^(mm|fs|kernel|drivers|lib|include)/.*\.c$' || true)
	if [ ${#files[@]} -gt 0 ] && [ ${#problems[@]} = 0 ]; then
		before=$(warnings "$c^" "${files[@]}")
		after=$(warnings "$c" "${files[@]}")
		new=$(comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after") | grep . || true)
		if [ -n "$new" ]; then
			problems+=("sparse/W=1")
			printf '%s\n' "$new" | sed 's/^/    /' >&2
		fi
	fi

	if [ ${#problems[@]} = 0 ]; then
		printf 'ok   %2d %s\n' "$i" "$subject"
	else
		printf 'FAIL %2d %s: %s\n' "$i" "$subject" "${problems[*]}"
		fail=1
	fi
done
exit $fail
