#!/bin/sh
# The image's HEALTHCHECK: healthy means THIS container's node answers GET /health/live.
#
# The node writes its API's URL to <data dir>/api.url once the API serves (the port depends on its
# config and flags) and removes it when it stops cleanly or starts again. Without that file the check
# fails (starting, then unhealthy) and asks nothing: there is no default address to try, because with
# host networking 127.0.0.1:7000 may well be another process's node.
#
# A stale api.url (a node killed in this volume, its container not yet started again) is caught by
# identity: when this container's node id is known - --id on PID 1's command line, else FLINT_ID -
# GET /status must name that id. (Two nodes of one id on one host cannot be told apart this way.)
#
# The data dir is --data-dir on PID 1's command line, else FLINT_DATA_DIR, else /data, as for the
# node. Works with busybox wget (the jlink base), curl, or bash's /dev/tcp (images without either).

# the value of option $1 on PID 1's command line (java ... flint.jar node --id X), if there
arg() {
  tr '\0' '\n' </proc/1/cmdline 2>/dev/null | sed -n -e "/^$1\$/{n;p;q;}" -e "s/^$1=//p" | head -n 1
}

data=$(arg --data-dir); data=${data:-${FLINT_DATA_DIR:-/data}}
id=$(arg --id); id=${id:-$FLINT_ID}
url=$(cat "$data/api.url" 2>/dev/null)
if [ -z "$url" ]; then
  echo "no $data/api.url: the node's API is not serving (yet)" >&2
  exit 1
fi

# GET $url$1, the body on stdout; fails unless the answer is 200
get() {
  if command -v wget >/dev/null 2>&1; then
    # no -T: busybox 1.35 (static) wget crashes with it; HEALTHCHECK --timeout bounds the check
    wget -q -O - "$url$1"
  elif command -v curl >/dev/null 2>&1; then
    curl -fsS -m 4 "$url$1"
  elif command -v bash >/dev/null 2>&1; then
    hostport=${url#http://}; hostport=${hostport%%/*}
    bash -c 'exec 3<>"/dev/tcp/${1%:*}/${1##*:}" &&
             printf "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" "$2" "$1" >&3 &&
             IFS= read -r status <&3 && case $status in *" 200 "*) ;; *) exit 1;; esac &&
             while IFS= read -r line <&3 && [ "$line" != "$(printf "\r")" ] && [ -n "$line" ]; do :; done &&
             cat <&3' health "$hostport" "$1"
  else
    echo "no wget, curl or bash in this image to check $url" >&2
    return 1
  fi
}

get /health/live >/dev/null || exit 1
if [ -n "$id" ]; then
  # compact JSON: {"id":"5000",...}
  if ! get /status | grep -qF "\"id\":\"$id\""; then
    echo "$url answers, but not as node $id (a stale $data/api.url?)" >&2
    exit 1
  fi
fi
exit 0
