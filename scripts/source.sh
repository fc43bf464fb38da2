#!/bin/bash
# Make $TREE a git repository whose first commit (tag "base") is the
# pristine source of $LINE (6.12 or 6.1): Debian's linux-source-$LINE
# tarball, or $KSRC.
set -eu
. "$(dirname "$0")/lib.sh"

if git -C "$TREE" rev-parse -q --verify base >/dev/null 2>&1; then
	exit 0
fi

# KSRC and TARBALL replace the 6.12 source only; the 6.1 line always uses
# Debian's tarball.
if [ "$LINE" = 6.12 ]; then
	TARBALL=${TARBALL:-/usr/src/linux-source-6.12.tar.xz}
else
	TARBALL=/usr/src/linux-source-$LINE.tar.xz KSRC=
fi
tmp=$TREE.tmp
rm -rf "$tmp"
mkdir -p "$tmp"

if [ -n "${KSRC:-}" ]; then
	[ -f "$KSRC/Makefile" ] && [ -d "$KSRC/mm" ] ||
		die "KSRC=$KSRC is not a Linux source tree"
	log "copying source from $KSRC"
	if git -C "$KSRC" rev-parse -q --verify HEAD >/dev/null 2>&1; then
		git -C "$KSRC" archive --format=tar HEAD | tar -x -C "$tmp"
		origin="$KSRC at $(git -C "$KSRC" rev-parse --short=12 HEAD)"
	else
		rsync -a --exclude=.git "$KSRC/" "$tmp/"
		origin="$KSRC"
	fi
else
	[ -f "$TARBALL" ] || die "$TARBALL not found; run: apt-get install linux-source-$LINE"
	log "extracting $TARBALL (about a minute, then a git commit of it: 80 s in all here)"
	tar -xf "$TARBALL" -C "$tmp" --strip-components=1
	origin="Debian linux-source-$LINE $(dpkg-query -W -f='${Version}' "linux-source-$LINE" 2>/dev/null || echo '?')"
fi

version=$(make -s -C "$tmp" kernelversion 2>/dev/null) || die "cannot read the kernel version"
case $version in
"$LINE"|"$LINE".*) ;;
*) die "the series in ${PATCHES#$TOP/} is for $LINE.y, the source is $version" ;;
esac

cd "$tmp"
git init -q -b main .
# Commits made here carry the user's git identity; a machine without one
# (CI) still needs a committer for "git am".
git config user.name >/dev/null || git config user.name "hugeacct bench"
git config user.email >/dev/null || git config user.email "hugeacct@localhost"
git config core.abbrev 12
# Every file of the source, including those its .gitignore names.
git add -A -f .
GIT_AUTHOR_NAME="hugeacct bench" GIT_AUTHOR_EMAIL=hugeacct@localhost \
GIT_COMMITTER_NAME="hugeacct bench" GIT_COMMITTER_EMAIL=hugeacct@localhost \
GIT_AUTHOR_DATE=$BASE_DATE GIT_COMMITTER_DATE=$BASE_DATE \
	git commit -q -m "Linux $version" -m "Pristine source: $origin."
git tag base
cd - >/dev/null
rm -rf "$TREE"
mv "$tmp" "$TREE"
log "base: Linux $version ($origin)"
