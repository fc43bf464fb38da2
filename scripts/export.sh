#!/bin/bash
# Write the commits base..HEAD of $TREE back to $PATCHES (patches/, or
# patches/stable-6.1/ with LINE=6.1) as git format-patch files plus series. The output depends only on the
# commits: zeroed "From <sha>" lines, no version signature, and the cover
# letter keeps its subject and text from the old 0000-cover-letter.patch.
# The 6.1 backport's subjects say [PATCH 6.1.y n/N], as stable mails do.
set -eu
. "$(dirname "$0")/lib.sh"

cd "$TREE" 2>/dev/null || die "no tree at $TREE: run make tree first"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	die "$TREE has uncommitted changes: commit (or stash) them first"
n=$(git rev-list --count base..HEAD)
[ "$n" -gt 0 ] || die "no commits on top of base in $TREE"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=PATCH
[ "$LINE" = 6.12 ] || prefix="PATCH $LINE.y"
git -c core.abbrev=12 -c diff.renames=true format-patch -q --zero-commit \
	--subject-prefix="$prefix" --no-signature --cover-letter --thread=shallow -o "$tmp" base..HEAD

# A cover letter makes git thread the mails, with Message-Ids made from
# the time: drop them from the headers, the mailer adds its own.
for f in "$tmp"/*.patch; do
	awk '!body && /^(Message-Id|In-Reply-To|References): / {next}
	     /^$/ {body=1} {print}' "$f" > "$f.tmp" && mv "$f.tmp" "$f"
done

cover=$PATCHES/0000-cover-letter.patch
new=$tmp/0000-cover-letter.patch
if [ -f "$cover" ]; then
	# Subject (with folded lines) and text between the headers and the
	# shortlog of the old cover letter replace git's placeholders.
	subject=$(awk '/^Subject: /{s=1; sub(/^Subject: \[PATCH[^]]*\] /,""); printf "%s", $0; next}
		s && /^[ \t]/{printf "\n%s", $0; next} s{exit}' "$cover")
	awk '/^$/ && !b {b=1; next} b && /^[^ ].* \([0-9]+\):$/ {exit} b' "$cover" |
		sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' > "$tmp/blurb"
	awk -v subj="$subject" -v blurbf="$tmp/blurb" '
		/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, subj) }
		/^\*\*\* BLURB HERE \*\*\*$/ { while ((getline l < blurbf) > 0) print l; next }
		{ print }' "$new" > "$new.tmp"
	mv "$new.tmp" "$new"
fi
# The cover letter's date is when it was made; use the newest patch's.
last=$(ls "$tmp"/*.patch | sort | tail -1)
date=$(grep -m1 '^Date: ' "$last")
sed -i "s/^Date: .*/$date/" "$new"

mkdir -p "$PATCHES"
rm -f "$PATCHES"/[0-9][0-9][0-9][0-9]-*.patch
cp "$tmp"/*.patch "$PATCHES/"
{
	echo "# hugeacct series, applied in this order by scripts/apply.sh;"
	echo "# 0000 is the cover letter. Written by make export."
	(cd "$PATCHES" && ls [0-9][0-9][0-9][0-9]-*.patch)
} > "$PATCHES/series"

mapfile -t files < <(series_files)
echo "$(hash_files "${files[@]}") $(git rev-parse HEAD)" > "$TREE/.git/hugeacct-applied"
log "exported $n patches (+ cover letter) to ${PATCHES#$TOP/}/"
