#!/usr/bin/env bash
# Builds real Kubernetes control-plane binaries from published Go modules and
# installs them where io.fabric8:kube-api-test looks for them:
#
#   ${KUBE_API_TEST_DIR:-~/.kubeapitest}/k8s/<major.minor.patch>-<os>-<arch>/
#       kube-apiserver  etcd  kubectl  kube-controller-manager
#
# Idempotent: when the binaries are present and the stamp file matches the pinned
# versions (go.mod/go.sum of this folder), it exits 0 at once.
#
# Usage: ./build.sh            build if needed, print the directory
#        ./build.sh --force    rebuild even if cached
#        ./build.sh --print-dir  only print the target directory (no build)
#        ./build.sh --print-version  only print the Kubernetes version (e.g. 1.35.4)
#
# Environment: KUBE_API_TEST_DIR (default ~/.kubeapitest, same variable kube-api-test
# reads), GO_BUILD_P (go build -p, default 2), CONTROL_PLANE_LOOPBACK_WRAPPERS
# (default 1: etcd/kube-apiserver are loopback-only wrappers, see below).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
die() { echo "control-plane build FAILED: $*" >&2; exit 1; }

FORCE=0
MODE=build
case "${1:-}" in
  "") ;;
  --force) FORCE=1 ;;
  --print-dir) MODE=print-dir ;;
  --print-version) MODE=print-version ;;
  -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
  *) die "unknown argument '$1' (try --help)" ;;
esac

# --- pinned versions, read from the committed go.mod files (no Go needed) ------
modver() { awk -v m="$1" '($1 == m || ($1 == "require" && $2 == m)) { print ($1 == "require" ? $3 : $2); exit }' "$2"; }
K8S_VERSION="$(modver k8s.io/kubernetes "$SCRIPT_DIR/go.mod")"
ETCD_VERSION="$(modver go.etcd.io/etcd/server/v3 "$SCRIPT_DIR/etcd/go.mod")"
[[ "$K8S_VERSION" =~ ^v1\.[0-9]+\.[0-9]+$ ]] || die "cannot read k8s.io/kubernetes version from $SCRIPT_DIR/go.mod (got '$K8S_VERSION')"
[[ "$ETCD_VERSION" =~ ^v3\.[0-9]+\.[0-9]+$ ]] || die "cannot read go.etcd.io/etcd/server/v3 version from $SCRIPT_DIR/etcd/go.mod (got '$ETCD_VERSION')"
K8S_PLAIN="${K8S_VERSION#v}"                       # 1.35.4: kube-api-test's dir / version format
K8S_MAJOR="${K8S_PLAIN%%.*}"
K8S_MINOR="${K8S_PLAIN#*.}"; K8S_MINOR="${K8S_MINOR%%.*}"

# Platform suffix exactly as kube-api-test computes it (OSInfo + Utils.platformSuffix):
# "-" + lower-cased os.name + "-" + (amd64 | arm64 for aarch64 | ppc64le for ppc64).
case "$(uname -s)" in
  Linux) OS=linux ;;
  Darwin) OS=darwin ;;
  *) die "unsupported OS $(uname -s)" ;;
esac
case "$(uname -m)" in
  x86_64|amd64) ARCH=amd64 ;;
  aarch64|arm64) ARCH=arm64 ;;
  *) die "unsupported architecture $(uname -m)" ;;
esac

KAT_DIR="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}"
DEST="$KAT_DIR/k8s/${K8S_PLAIN}-${OS}-${ARCH}"
BINARIES=(kube-apiserver etcd kubectl kube-controller-manager)
STAMP_FILE="$DEST/.control-plane-stamp"

case "$MODE" in
  print-dir) echo "$DEST"; exit 0 ;;
  print-version) echo "$K8S_PLAIN"; exit 0 ;;
esac

# Bump RECIPE when a change to this script must invalidate installed binaries
# (build flags, install layout).
RECIPE=1
LOOPBACK_WRAPPERS="${CONTROL_PLANE_LOOPBACK_WRAPPERS:-1}"
[[ "$LOOPBACK_WRAPPERS" == 0 || "$LOOPBACK_WRAPPERS" == 1 ]] || die "CONTROL_PLANE_LOOPBACK_WRAPPERS must be 0 or 1"
sha() { cat "$@" | sha256sum | cut -c1-16; }
# The stamp changes whenever a pinned version, a dependency (go.sum) or the recipe changes.
STAMP="recipe=${RECIPE} kubernetes=${K8S_VERSION} etcd=${ETCD_VERSION} os=${OS} arch=${ARCH} loopback-wrappers=${LOOPBACK_WRAPPERS} deps=$(sha "$SCRIPT_DIR/go.sum" "$SCRIPT_DIR/etcd/go.sum")"

cached() {
  [[ -f "$STAMP_FILE" ]] && [[ "$(cat "$STAMP_FILE")" == "$STAMP" ]] || return 1
  local b
  for b in "${BINARIES[@]}"; do [[ -x "$DEST/$b" ]] || return 1; done
  if [[ "$LOOPBACK_WRAPPERS" == 1 ]]; then
    for b in etcd kube-apiserver; do [[ -x "$DEST/.real/$b" ]] || return 1; done
  fi
}

if [[ $FORCE -eq 0 ]] && cached; then
  echo "control-plane binaries cached at $DEST (kubernetes $K8S_VERSION, etcd $ETCD_VERSION)"
  exit 0
fi

# --- toolchain ---------------------------------------------------------------
if ! command -v go >/dev/null 2>&1; then
  [[ -x /usr/local/go/bin/go ]] && PATH="/usr/local/go/bin:$PATH"
fi
command -v go >/dev/null 2>&1 || die "Go toolchain not found (need Go >= 1.25 on PATH or at /usr/local/go/bin)"
GO_VER="$(go env GOVERSION)" || die "'go env GOVERSION' failed"
if [[ "$GO_VER" =~ ^go1\.([0-9]+) ]]; then
  (( BASH_REMATCH[1] >= 25 )) || die "Go >= 1.25 required, found $GO_VER"
fi

export CGO_ENABLED=0 GOWORK=off GOTOOLCHAIN=local GOFLAGS="-mod=readonly"
P="${GO_BUILD_P:-2}"

# One build at a time per target directory.
mkdir -p "$KAT_DIR/k8s"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$KAT_DIR/k8s/.control-plane-${K8S_PLAIN}.lock"
  flock 9
  if [[ $FORCE -eq 0 ]] && cached; then   # another process finished it meanwhile
    echo "control-plane binaries cached at $DEST (kubernetes $K8S_VERSION, etcd $ETCD_VERSION)"
    exit 0
  fi
fi

WORK="$(mktemp -d "$KAT_DIR/k8s/.build-${K8S_PLAIN}.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "control-plane: building kubernetes $K8S_VERSION (kube-apiserver, kubectl, kube-controller-manager) and etcd $ETCD_VERSION with $GO_VER (-p $P)..."
START=$(date +%s)

# Version stamping, as kubernetes' hack/lib/version.sh does, so that
# `kubectl version` / GET /version report v1.Y.Z instead of v0.0.0-master.
BUILD_DATE="$(cd "$SCRIPT_DIR" && go list -m -f '{{if .Time}}{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}{{end}}' k8s.io/kubernetes 2>/dev/null || true)"
BUILD_DATE="${BUILD_DATE:-1970-01-01T00:00:00Z}"
K8S_LDFLAGS="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  K8S_LDFLAGS+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=$K8S_MAJOR -X $pkg.gitMinor=$K8S_MINOR"
  K8S_LDFLAGS+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$BUILD_DATE"
done

(
  cd "$SCRIPT_DIR"
  go build -p "$P" -trimpath -ldflags="$K8S_LDFLAGS" -o "$WORK/" \
    k8s.io/kubernetes/cmd/kube-apiserver \
    k8s.io/kubernetes/cmd/kubectl \
    k8s.io/kubernetes/cmd/kube-controller-manager
) || die "go build of kubernetes $K8S_VERSION binaries failed (see errors above)"

(
  cd "$SCRIPT_DIR/etcd"
  go build -p "$P" -trimpath -ldflags="-s -w" -o "$WORK/etcd" go.etcd.io/etcd/server/v3
) || die "go build of etcd $ETCD_VERSION failed (see errors above)"

for b in "${BINARIES[@]}"; do
  [[ -x "$WORK/$b" ]] || die "expected binary $WORK/$b was not produced"
done

# kube-api-test starts etcd with --listen-client-urls http://0.0.0.0:<port> and
# kube-apiserver without --bind-address (i.e. on all interfaces). To keep the test
# control plane on loopback, etcd and kube-apiserver are installed as tiny wrappers
# that rewrite 0.0.0.0 to 127.0.0.1 and default --bind-address to 127.0.0.1 (a later
# --bind-address given by the caller still wins); the real binaries live in .real/.
# Set CONTROL_PLANE_LOOPBACK_WRAPPERS=0 to install the plain binaries instead.
mkdir -p "$DEST/.real"
rm -f "$STAMP_FILE"
for b in "${BINARIES[@]}"; do
  rm -f "$DEST/$b" "$DEST/.real/$b"
  if [[ "$LOOPBACK_WRAPPERS" == 1 && ( "$b" == etcd || "$b" == kube-apiserver ) ]]; then
    mv -f "$WORK/$b" "$DEST/.real/$b"
    extra=""
    [[ "$b" == kube-apiserver ]] && extra="--bind-address=127.0.0.1 "
    cat > "$DEST/$b" <<WRAPPER
#!/usr/bin/env bash
# Generated by e2e/control-plane/build.sh: keeps $b on loopback (see build.sh).
exec "\$(dirname "\${BASH_SOURCE[0]}")/.real/$b" ${extra}"\${@//0.0.0.0/127.0.0.1}"
WRAPPER
    chmod 755 "$DEST/$b"
  else
    mv -f "$WORK/$b" "$DEST/$b"
  fi
done
echo "$STAMP" > "$STAMP_FILE"

echo "control-plane: built in $(( $(date +%s) - START ))s"
echo "control-plane binaries installed at $DEST"
