#!/usr/bin/env bash
# Run a command with NO network: inside a new network namespace whose only interface is loopback.
#
#   bash scripts/offline.sh python -m pytest -q tests      # sets WDLAB_OFFLINE=1 for the command
#
# Jupyter kernels still work (they talk over 127.0.0.1); anything else (pip, DNS, a CDN) fails at once
# with "Network is unreachable". Needs `unshare` (util-linux) and permission to create a network
# namespace (root, or unprivileged user namespaces: then `unshare -rn` is used). Loopback is brought
# up with `ip` (Debian package iproute2), or `ifconfig` (net-tools), or Python's ioctl as a fallback.
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi
command -v unshare >/dev/null 2>&1 || { echo "offline.sh: unshare not found (apt-get install util-linux)" >&2; exit 1; }

if [ "${WDLAB_OFFLINE_INNER:-}" != 1 ]; then
  flags=(-n)
  [ "$(id -u)" = 0 ] || flags=(-r -n)    # unprivileged: map ourselves to root in a user namespace
  exec env WDLAB_OFFLINE_INNER=1 unshare "${flags[@]}" -- bash "$0" "$@"
fi

# Inside the new namespace: bring loopback up, check there is no other interface, run the command.
if command -v ip >/dev/null 2>&1; then
  ip link set lo up
elif command -v ifconfig >/dev/null 2>&1; then
  ifconfig lo 127.0.0.1 up
else
  python3 - <<'EOF'
import fcntl, socket, struct
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
    req = struct.pack("16sH14x", b"lo", 0)
    flags = struct.unpack("16sH14x", fcntl.ioctl(s, SIOCGIFFLAGS, req))[1]
    fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH14x", b"lo", flags | IFF_UP))
EOF
fi
others=$(awk -F: 'NR > 2 { gsub(/ /, "", $1); if ($1 != "lo") print $1 }' /proc/net/dev)
if [ -n "$others" ]; then
  echo "offline.sh: unexpected interfaces in the namespace: $others" >&2
  exit 1
fi
unset WDLAB_OFFLINE_INNER
export WDLAB_OFFLINE=1
exec "$@"
