#!/usr/bin/env bash
# Builds the Flint node image (default tag local/flint:latest) from deploy/docker/Dockerfile,
# without any registry: the JRE base image comes from ../shared/docker-recipe (built when missing),
# the jar from this checkout (built when missing).
#
#   deploy/docker/build-image.sh              build local/flint:latest
#   IMAGE=my/flint:1 deploy/docker/build-image.sh
#   BASE=eclipse-temurin:17-jre deploy/docker/build-image.sh   (a machine with a registry)
#
# Needs a running Docker daemon (the recipe's "dockerd" step starts one on these machines).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
IMAGE=${IMAGE:-local/flint:latest}
BASE=${BASE:-local/jre17:jlink}
RECIPE=${RECIPE:-$root/../shared/docker-recipe/docker-java-recipe.sh}

die() { echo "build-image: $*" >&2; exit 1; }

command -v docker >/dev/null 2>&1 || die "no docker command; run $RECIPE dockerd first"
docker info >/dev/null 2>&1 || die "no Docker daemon answers; start one (e.g. $RECIPE dockerd)"

if ! docker image inspect "$BASE" >/dev/null 2>&1; then
  [[ $BASE == local/jre17:* ]] || die "base image $BASE is missing and this script only builds local/jre17:*"
  [[ -x $RECIPE || -f $RECIPE ]] || die "base image $BASE is missing and the recipe is not at $RECIPE (set RECIPE)"
  echo "build-image: making the base image $BASE with $RECIPE base ..." >&2
  BASE_TAG="$BASE" bash "$RECIPE" base >&2
fi

jar="$root/flint-cli/target/flint.jar"
if [[ ! -f $jar ]]; then
  echo "build-image: building $jar ..." >&2
  (cd "$root" && mvn -B -q -DskipTests -pl flint-cli -am package) >&2
fi

ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
cp "$here/Dockerfile" "$jar" "$ctx/"

# The node's JNI libraries (RocksDB, libsecp256k1) need shared libraries a minimal JRE base may
# lack (the jlink base has only what the JVM itself links, e.g. no libpthread.so.0). Those the base
# does not have are copied from this machine into native/ (resolved paths, never through the
# base's /lib symlinks); with a full base such as eclipse-temurin nothing is copied.
mkdir -p "$ctx/native" "$ctx/jni"
(cd "$ctx/jni" && unzip -q -o "$jar" 'librocksdbjni-linux64.so' 'fr/acinq/secp256k1/jni/native/linux-x86_64/*' \
  2>/dev/null) || true
# each library as the loader asks for it (its soname), in its directory with symlinks resolved
needed=$(find "$ctx/jni" -name '*.so' -exec ldd {} \; 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' \
  | while read -r lib; do echo "$(readlink -f "$(dirname "$lib")")/$(basename "$lib")"; done | sort -u)
rm -rf "$ctx/jni"
if [[ -n $needed ]]; then
  # shellcheck disable=SC2086
  present=$(docker run --rm --network host --entrypoint /bin/sh "$BASE" -c \
    'for f in "$@"; do [ -e "$f" ] && echo "$f"; done; true' sh $needed 2>/dev/null || true)
  for lib in $needed; do
    if ! grep -qxF "$lib" <<<"$present"; then
      mkdir -p "$ctx/native$(dirname "$lib")"
      cp -L "$lib" "$ctx/native$lib"
      echo "build-image: adding $lib (needed by the node's native libraries, missing in $BASE)" >&2
    fi
  done
fi

# BuildKit through Debian's docker 20.10 CLI where it exists (the recipe's finding: the newer CLI
# lacks buildx); the classic builder otherwise. --network host: the daemon may run with --bridge=none.
if [[ -x /usr/bin/docker ]] && DOCKER_BUILDKIT=1 /usr/bin/docker build --help >/dev/null 2>&1; then
  DOCKER_BUILDKIT=1 /usr/bin/docker build --network host --build-arg "BASE=$BASE" -t "$IMAGE" "$ctx" >&2
else
  DOCKER_BUILDKIT=0 docker build --network host --build-arg "BASE=$BASE" -t "$IMAGE" "$ctx" >&2
fi
echo "$IMAGE"
