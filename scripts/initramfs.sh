#!/bin/bash
# initramfs.sh SELFTESTS OUT [LIST]: pack busybox, bash, guest/ and the
# built selftests into a gzip'd newc cpio at OUT. With LIST (the 6.1
# kernels: guest/tests-6.1.list), that list is the guest's tests.list, and
# the Debian clients, which only checks of the 6.12 list use, stay out.
# CLIENTS=1 adds Debian's perf and procps' pmap (initramfs=clients in
# kernels/*.conf): 30 MB against 19, too much for node 0 of the many-node
# guest, which keeps the small image.
set -eu
. "$(dirname "$0")/lib.sh"

tests=$1 out=$2 list=${3:-}
root=$out.d
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,mnt,root,etc,guest,selftests/mm}

cp /bin/busybox "$root/bin/busybox"
for a in $("$root/bin/busybox" --list-full); do
	[ -e "$root/$a" ] || ln -s /bin/busybox "$root/$a"
done
cp /bin/bash-static "$root/bin/bash"
ln -sf bash "$root/bin/sh.bash"
mkdir -p "$root/usr/local/bin"
install -m 755 "$TOP"/guest/bin/* "$root/usr/local/bin/"
install -m 755 "$TOP/guest/init" "$root/init"
install -m 755 "$TOP/guest/run-tests" "$TOP/guest/show-stats" "$root/guest/"
install -m 644 "${list:-$TOP/guest/tests.list}" "$root/guest/tests.list"
cp -a "$TOP/guest/checks" "$root/guest/"
# Debian clients for guest/checks (numastat from numactl, trace-cmd, and
# prometheus-node-exporter, unpacked under build/ by deps.sh), with the
# libraries they link.
ne=$BUILD/debs/node-exporter/usr/bin/prometheus-node-exporter
clients="/usr/bin/numastat /usr/bin/trace-cmd $ne"
[ -z "${CLIENTS:-}" ] || clients="$clients /usr/bin/perf /usr/bin/pmap"
[ -z "$list" ] || clients=
for bin in $clients; do
	[ -x "$bin" ] || die "$bin is missing (make deps installs it)"
	for f in "$bin" $(ldd "$bin" | grep -o '/[^ ]*'); do
		dst=${f#"$BUILD/debs/node-exporter"}
		mkdir -p "$root$(dirname "$dst")"
		cp -L "$f" "$root$dst"
	done
done
cp -a "$tests/." "$root/selftests/mm/"
echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
echo 'nobody:x:65534:65534:nobody:/:/bin/false' >> "$root/etc/passwd"

# Same inputs, same bytes: test.sh keys its result cache on this file.
find "$root" -exec touch -h -d @0 {} +
(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --owner=0:0 --reproducible --quiet) | gzip -1 -n > "$out.tmp"
rm -rf "$root"
# Said only when it changed, so that a run with nothing to rebuild is quiet.
if cmp -s "$out.tmp" "$out"; then
	rm -f "$out.tmp"
else
	mv "$out.tmp" "$out"
	log "initramfs: ${out#$TOP/} ($(du -h "$out" | cut -f1))"
fi
