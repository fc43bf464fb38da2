#!/bin/bash
# Install the Debian packages the bench needs, or say how to.
set -eu
. "$(dirname "$0")/lib.sh"

pkgs="make gcc git xz-utils cpio gzip flex bison bc libelf-dev libssl-dev
      ccache sparse perl python3 rsync qemu-system-x86 busybox-static
      bash-static numactl trace-cmd linux-perf procps python3-ply python3-git
      linux-source-6.12 linux-source-6.1"

# Debian's prometheus-node-exporter, for a guest check only: its .deb is
# unpacked under build/, not installed, so no exporter runs on this machine.
fetch_node_exporter() {
	local d=$BUILD/debs
	[ -x "$d/node-exporter/usr/bin/prometheus-node-exporter" ] && return
	mkdir -p "$d"
	log "fetching prometheus-node-exporter (for the guest only, not installed here)"
	(cd "$d" && apt-get download -q prometheus-node-exporter >/dev/null 2>&1) ||
		{ [ "$(id -u)" = 0 ] && apt-get update -q >/dev/null &&
		  (cd "$d" && apt-get download -q prometheus-node-exporter >/dev/null 2>&1); } ||
		die "cannot download prometheus-node-exporter; run: apt-get update && cd $d && apt-get download prometheus-node-exporter"
	dpkg-deb -x "$d"/prometheus-node-exporter_*.deb "$d/node-exporter"
}

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$' || missing="$missing $p"
done
[ -z "$missing" ] && { fetch_node_exporter; exit 0; }
# The 6.12 source tarball is only needed when KSRC does not point at a
# tree (the 6.1 line always uses Debian's).
if [ -n "${KSRC:-}" ]; then
	missing=$(printf '%s\n' $missing | grep -vx 'linux-source-6.12' | tr '\n' ' ')
	[ -n "${missing// }" ] || { fetch_node_exporter; exit 0; }
fi

cmd="apt-get update && apt-get install -y$missing"
if [ "$(id -u)" != 0 ]; then
	die "missing packages:$missing
  run as root:  $cmd"
fi
log "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null || die "apt-get update failed; run: $cmd"
# shellcheck disable=SC2086
apt-get install -y -q $missing >/dev/null || die "apt-get install failed; run: $cmd"
fetch_node_exporter
