#!/bin/sh
# The image's HEALTHCHECK: GET /health/live of this container's node. The node writes its API's
# URL to <data dir>/api.url when it starts (the port depends on its config and flags); until
# then, or with no writable data dir, the default http://127.0.0.1:7000 is asked. Works with
# busybox wget (the jlink base), curl, or bash's /dev/tcp (Debian/Ubuntu JRE images without either).
url=$(cat "${FLINT_DATA_DIR:-/data}/api.url" 2>/dev/null) || url="http://127.0.0.1:7000"
url="$url/health/live"
if command -v wget >/dev/null 2>&1; then
  # no -T: busybox 1.35 (static) wget crashes with it; HEALTHCHECK --timeout bounds the check
  wget -q -O /dev/null "$url" || exit 1
elif command -v curl >/dev/null 2>&1; then
  curl -fsS -m 4 -o /dev/null "$url" || exit 1
elif command -v bash >/dev/null 2>&1; then
  hostport=${url#http://}; hostport=${hostport%%/*}
  bash -c 'exec 3<>"/dev/tcp/${1%:*}/${1##*:}" && printf "GET /health/live HTTP/1.0\r\nHost: %s\r\n\r\n" "$1" >&3 &&
           head -n 1 <&3 | grep -q " 200 "' health "$hostport" || exit 1
else
  echo "no wget, curl or bash in this image to check $url" >&2
  exit 1
fi
