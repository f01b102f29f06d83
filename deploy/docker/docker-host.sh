#!/usr/bin/env bash
# docker-host.sh - a Docker daemon and a Java 17 base image on a Debian bookworm machine that has
# no container registry (only the Debian mirror and Maven Central), as Flint's CI machines are.
#
# Taken, trimmed to what Flint needs, from the project's shared Docker recipe
# (../shared/docker-recipe/docker-java-recipe.sh and its README, measured on these machines);
# the timings and the reasons behind each step are there. What it does:
#   dockerd  install docker.io if missing; reuse a daemon that answers, else start
#            dockerd --storage-driver=vfs --iptables=false --bridge=none (these machines cannot
#            create the default bridge); containers then use --network host
#   base     build the base image local/jre17:jlink if it is missing: a jlink'd runtime of the
#            host's JDK 17 plus the host libraries it links (glibc, libstdc++, zlib, ...), busybox
#            as /bin/sh (RUN lines, HEALTHCHECK), imported with 'docker import' - no registry
#   all      both (default)
#   stop-dockerd   stop the daemon this script started (never one it reused)
#
# Usage (as root): deploy/docker/docker-host.sh [all|dockerd|base|stop-dockerd]
# Env: WORKDIR (/tmp/flint-docker-host), BASE_TAG (local/jre17:jlink), FORCE_BASE (0),
#      JLINK_MODULES, JLINK_COMPRESS (0; 2 = ~45 MB smaller, slower), DOCKERD_EXTRA_ARGS
set -Eeuo pipefail

WORKDIR=${WORKDIR:-/tmp/flint-docker-host}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
BASE_TAG=${BASE_TAG:-local/jre17:jlink}
FORCE_BASE=${FORCE_BASE:-0}
JLINK_MODULES=${JLINK_MODULES:-java.se,jdk.httpserver,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.charsets,jdk.localedata,jdk.naming.dns,jdk.net,jdk.management,jdk.management.agent,jdk.jfr,jdk.management.jfr,jdk.jcmd,jdk.attach,jdk.jdwp.agent,jdk.security.auth,jdk.security.jgss,jdk.xml.dom,jdk.nio.mapmode}
JLINK_COMPRESS=${JLINK_COMPRESS:-0}
# what librocksdbjni-linux64.so and libsecp256k1-jni.so link (ldd), so that the base runs Flint as it is
# (build-image.sh still adds what an older or other base lacks)
FLINT_NATIVE_LIBS=(libpthread.so.0 librt.so.1 libdl.so.2 libstdc++.so.6 libgcc_s.so.1 libm.so.6 libc.so.6)
# shellcheck disable=SC2206
DOCKERD_ARGS=(--storage-driver=vfs --iptables=false --bridge=none ${DOCKERD_EXTRA_ARGS:-})

export DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a NEEDRESTART_SUSPEND=1
mkdir -p "$WORKDIR"

log() { printf '=== [%s] docker-host: %s\n' "$(date +%T)" "$*" >&2; }
die() { printf 'docker-host: ERROR: %s\n' "$*" >&2; exit 1; }

APT_UPDATED=${APT_UPDATED:-0}   # 1: the caller has just run apt-get update
apt_install() {                         # installs only what is missing; never starts services
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  log "apt-get install ${missing[*]}"
  local own_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then   # keep docker.io's postinst from starting a default dockerd
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; own_policy=1
  fi
  if ((APT_UPDATED == 0)); then apt-get update -qq; APT_UPDATED=1; fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$WORKDIR/apt-install.log" 2>&1 ||
    { tail -30 "$WORKDIR/apt-install.log" >&2; ((own_policy)) && rm -f /usr/sbin/policy-rc.d; die "apt-get install failed"; }
  ((own_policy)) && rm -f /usr/sbin/policy-rc.d
  return 0
}

docker_ok() { timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

ensure_dockerd() {
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    apt_install docker.io
  fi
  if docker_ok; then
    log "reusing the running dockerd ($(docker version --format '{{.Server.Version}}'), storage $(docker info --format '{{.Driver}}'))"
    return 0
  fi
  # this machine kind mounts cgroup v1 at boot; mount it where a host does not
  if ! mountpoint -q /sys/fs/cgroup/memory && [[ ! -e /sys/fs/cgroup/cgroup.controllers ]]; then
    apt_install cgroupfs-mount
    cgroupfs-mount
  fi
  if [[ -f /var/run/docker.pid ]] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    rm -f /var/run/docker.pid                  # stale pid file of a dead dockerd
  fi
  log "starting dockerd ${DOCKERD_ARGS[*]}"
  nohup dockerd "${DOCKERD_ARGS[@]}" >"$WORKDIR/dockerd.log" 2>&1 &
  echo $! >"$WORKDIR/dockerd.pid"
  local i
  for i in $(seq 1 60); do
    docker_ok && { log "dockerd up, pid $(cat "$WORKDIR/dockerd.pid") (log: $WORKDIR/dockerd.log)"; return 0; }
    kill -0 "$(cat "$WORKDIR/dockerd.pid")" 2>/dev/null || { tail -20 "$WORKDIR/dockerd.log" >&2; die "dockerd exited"; }
    sleep 1
  done
  tail -20 "$WORKDIR/dockerd.log" >&2; die "dockerd did not come up in 60 s"
}

stop_dockerd() {
  local pidf=$WORKDIR/dockerd.pid
  [[ -f $pidf ]] || { log "no dockerd started by this script"; return 0; }
  local pid; pid=$(cat "$pidf")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping dockerd pid $pid"; kill "$pid"
    local i; for i in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
  rm -f "$pidf"
}

rootfs_jlink() {                        # $1 = rootfs dir
  local dir=$1 jre=$1/opt/java/openjdk
  [[ -x $JAVA_HOME/bin/jlink && -f $JAVA_HOME/jmods/java.base.jmod ]] || apt_install openjdk-17-jdk-headless
  apt_install busybox-static
  rm -rf "$dir"
  mkdir -p "$dir"/{usr/bin,usr/sbin,usr/lib/x86_64-linux-gnu,usr/lib64,usr/local/bin,etc,tmp,root,opt/java,var/tmp}
  ln -s usr/bin "$dir/bin"; ln -s usr/sbin "$dir/sbin"; ln -s usr/lib "$dir/lib"; ln -s usr/lib64 "$dir/lib64"
  chmod 1777 "$dir/tmp" "$dir/var/tmp"; chmod 700 "$dir/root"

  "$JAVA_HOME/bin/jlink" --add-modules "$JLINK_MODULES" --strip-debug --no-man-pages \
      --no-header-files --compress="$JLINK_COMPRESS" --output "$jre"

  # the host libraries the runtime links (glibc, zlib, libstdc++, the image/font libraries of
  # headless java.desktop), plus what Flint's JNI libraries link beyond that (FLINT_NATIVE_LIBS:
  # RocksDB's librocksdbjni also needs libpthread, librt and libdl, which the JDK does not link)
  local libs l
  libs=$( { find "$jre" -type f \( -name '*.so' -o -path "$jre/bin/*" \) -print0 |
           xargs -0 ldd 2>/dev/null || true
           for l in "${FLINT_NATIVE_LIBS[@]}"; do ldconfig -p | awk -v n="$l" '$1 == n && /x86-64/ {print "x => " $NF; exit}'; done; } |
         awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $2 ~ /^\(/ {print $1}' |
         grep -v "^$jre/" | sort -u)
  for l in $libs; do
    mkdir -p "$dir$(dirname "$l")"
    cp -L "$l" "$dir$l"
  done
  cp /bin/busybox "$dir/usr/bin/busybox"
  local p
  while IFS= read -r p; do
    [[ -e $dir/$p || -L $dir/$p ]] || { mkdir -p "$dir/$(dirname "$p")"; ln -s /usr/bin/busybox "$dir/$p"; }
  done < <("$dir/usr/bin/busybox" --list-full)
  "$jre/bin/java" -Xshare:dump >/dev/null   # the default CDS archive: JVM start ~2x faster

  cat >"$dir/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
EOF
  cat >"$dir/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
EOF
  printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\n' >"$dir/etc/nsswitch.conf"
  printf '/usr/local/lib\n/usr/lib/x86_64-linux-gnu\n' >"$dir/etc/ld.so.conf"
  ldconfig -r "$dir"
  cp /etc/os-release "$dir/etc/os-release" 2>/dev/null || true
}

build_base() {
  if [[ $FORCE_BASE != 1 ]] && docker image inspect "$BASE_TAG" >/dev/null 2>&1; then
    log "base image $BASE_TAG exists (FORCE_BASE=1 rebuilds it)"; return 0
  fi
  local dir=$WORKDIR/rootfs-jlink t0=$SECONDS
  log "building $BASE_TAG (jlink of $JAVA_HOME)"
  rootfs_jlink "$dir"
  tar --numeric-owner -C "$dir" -c . | docker import \
    -c "ENV JAVA_HOME=/opt/java/openjdk" \
    -c "ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    -c "ENV LANG=C.UTF-8" \
    -c 'CMD ["java", "-version"]' \
    -m "Java 17 runtime (jlink) built by deploy/docker/docker-host.sh" - "$BASE_TAG" >/dev/null
  rm -rf "$dir"
  docker run --rm --network host "$BASE_TAG" java -version
  log "base image $BASE_TAG built in $((SECONDS - t0)) s"
}

[[ $(id -u) == 0 ]] || die "run as root (it installs packages and may start dockerd)"
case "${1:-all}" in
  dockerd)      ensure_dockerd ;;
  base)         ensure_dockerd; build_base ;;
  all)          ensure_dockerd; build_base ;;
  stop-dockerd) stop_dockerd ;;
  *) sed -n '2,20p' "$0"; exit 2 ;;
esac
