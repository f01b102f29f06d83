#!/usr/bin/env bash
# build-image.sh - builds the Flint node image from deploy/docker/Dockerfile, without a registry.
#
#   deploy/docker/build-image.sh                       -> local/flint:latest on local/jre17:jlink
#   IMAGE=my/flint:1 deploy/docker/build-image.sh
#   BASE=eclipse-temurin:17-jre deploy/docker/build-image.sh   (a machine with a registry)
#
# Env: IMAGE (local/flint:latest), BASE (local/jre17:jlink; docker-host.sh makes it when missing),
#      JAR (default: flint-cli/target/flint.jar, built or rebuilt by ./flint when sources changed),
#      SLIM (1: drop the jar's native libraries for other systems and CPUs, ~70 MB less).
# Prints the image name on stdout (progress goes to stderr). Needs a Docker daemon that answers
# (deploy/docker/docker-host.sh starts one on a machine like ours).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
IMAGE=${IMAGE:-local/flint:latest}
BASE=${BASE:-local/jre17:jlink}
SLIM=${SLIM:-1}

log() { echo "build-image: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

command -v docker >/dev/null 2>&1 || die "no docker command (deploy/docker/docker-host.sh installs and starts Docker)"
docker info >/dev/null 2>&1 || die "no Docker daemon answers (deploy/docker/docker-host.sh dockerd starts one)"

if ! docker image inspect "$BASE" >/dev/null 2>&1; then
  case $BASE in
    local/jre17:*)   # made here, without a registry
      [[ $(id -u) == 0 ]] || die "base image $BASE is missing: run 'sudo $here/docker-host.sh base'"
      BASE_TAG=$BASE "$here/docker-host.sh" base >&2 ;;
    *) log "base image $BASE is not here; the build pulls it (needs a registry)" ;;
  esac
fi

if [[ -z ${JAR:-} ]]; then
  "$root/flint" --version >/dev/null   # builds flint-cli/target/flint.jar on first use or when sources changed
  JAR=$root/flint-cli/target/flint.jar
fi
[[ -f $JAR ]] || die "no jar at $JAR"

ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
cp "$here/Dockerfile" "$here/healthcheck.sh" "$ctx/"
cp "$JAR" "$ctx/flint.jar"
if [[ $SLIM == 1 ]]; then
  if command -v zip >/dev/null 2>&1 && command -v unzip >/dev/null 2>&1; then
    # keep the natives for this machine's CPU (glibc and musl); RocksDB, libsecp256k1 and JNA
    # pick theirs at run time and the others are never loaded
    case $(uname -m) in
      x86_64)  keep='librocksdbjni-linux64(-musl)?\.so$|/linux-x86[-_]64/' ;;
      aarch64) keep='librocksdbjni-linux-aarch64(-musl)?\.so$|/linux-aarch64/' ;;
      *)       keep='^$' ;;
    esac
    unzip -Z1 "$ctx/flint.jar" |
      grep -E '(^|/)librocksdbjni-[^/]*$|^fr/acinq/secp256k1/jni/native/[^/]+/.|^com/sun/jna/[^/]+/[^/]*\.(so|a|dll|jnilib|dylib)$' |
      grep -Ev "$keep" >"$ctx/drop.txt" || true
    if [[ -s $ctx/drop.txt ]]; then
      zip -q -d "$ctx/flint.jar" -@ <"$ctx/drop.txt" >/dev/null
      log "slim jar: dropped $(wc -l <"$ctx/drop.txt") native libraries of other platforms ($(du -m "$JAR" | cut -f1) MB -> $(du -m "$ctx/flint.jar" | cut -f1) MB)"
    fi
    rm -f "$ctx/drop.txt"
  else
    log "zip/unzip not installed: the jar goes in whole (SLIM=0)"
  fi
fi

# The node's JNI libraries (RocksDB, libsecp256k1) link shared libraries a minimal base may lack
# (the shared recipe's jlink base has only what the JVM links: no libpthread.so.0, librt, libdl).
# Those the base does not have are copied from this machine into native/ (the Dockerfile copies
# native/ to /); with docker-host.sh's base or a full JRE image nothing is copied.
mkdir -p "$ctx/native" "$ctx/jni"
(cd "$ctx/jni" && unzip -q -o "$ctx/flint.jar" 'librocksdbjni-linux64.so' 'fr/acinq/secp256k1/jni/native/linux-x86_64/*' \
  2>/dev/null) || true
needed=$(find "$ctx/jni" -name '*.so' -exec ldd {} \; 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' |
  while read -r lib; do echo "$(readlink -f "$(dirname "$lib")")/$(basename "$lib")"; done | sort -u)
rm -rf "$ctx/jni"
if [[ -n $needed ]]; then
  # shellcheck disable=SC2086
  present=$(docker run --rm --network host --entrypoint /bin/sh "$BASE" -c \
    'for f in "$@"; do [ -e "$f" ] && echo "$f"; done; true' sh $needed 2>/dev/null || true)
  for lib in $needed; do
    if ! grep -qxF "$lib" <<<"$present"; then
      mkdir -p "$ctx/native$(dirname "$lib")"
      cp -L "$lib" "$ctx/native$lib"
      log "adding $lib (the node's native libraries need it; $BASE lacks it)"
    fi
  done
fi

# BuildKit through Debian's docker 20.10 CLI where there is one (the newer CLI in /usr/local/bin has
# no buildx on these machines); else the classic builder. --network host: the daemon has no bridge.
if [[ -x /usr/bin/docker ]] && [[ $(/usr/bin/docker version --format '{{.Client.Version}}' 2>/dev/null) == 20.* ]]; then
  DOCKER_BUILDKIT=1 /usr/bin/docker build --progress=plain --network host --build-arg "BASE=$BASE" -t "$IMAGE" "$ctx" >&2
else
  DOCKER_BUILDKIT=0 docker build --network host --build-arg "BASE=$BASE" -t "$IMAGE" "$ctx" >&2
fi
log "built $IMAGE ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f", $1/1e6}') MB, base $BASE)"
echo "$IMAGE"
