#!/usr/bin/env bash
# Regenerates go.mod's require + replace block for a given k8s.io/kubernetes release.
#
# k8s.io/kubernetes cannot be consumed as a plain dependency: its go.mod replaces
# every k8s.io/* "staging" module with ./staging/src/k8s.io/<name>, and those local
# replaces are ignored when the module is a dependency. The staging modules are
# published separately as k8s.io/<name> v0.<minor>.<patch>, so we replace each of
# them with its published version. The list is read from kubernetes' own go.mod
# (fetched from the Go module proxy), never hand-written.
#
# Usage: ./gen-replaces.sh v1.35.4
set -euo pipefail

K8S_VERSION="${1:?usage: $0 v1.<minor>.<patch>}"
if [[ ! "$K8S_VERSION" =~ ^v1\.([0-9]+)\.([0-9]+)$ ]]; then
  echo "gen-replaces: '$K8S_VERSION' is not a release version like v1.35.4" >&2
  exit 2
fi
STAGING_VERSION="v0.${BASH_REMATCH[1]}.${BASH_REMATCH[2]}"

command -v go >/dev/null 2>&1 || { echo "gen-replaces: 'go' not found on PATH" >&2; exit 1; }

cd "$(dirname "$0")"

# `go list -m -json mod@version` fetches only the .info/.mod files and reports the
# local path of the go.mod in the module cache.
# Run it outside this module so our (possibly stale) go.sum is not consulted.
TMPDIR_GR="$(mktemp -d)"
trap 'rm -rf "$TMPDIR_GR"' EXIT
GOMOD_FILE="$(cd "$TMPDIR_GR" && GOWORK=off GOFLAGS= go list -m -f '{{.GoMod}}' "k8s.io/kubernetes@${K8S_VERSION}")"
[[ -f "$GOMOD_FILE" ]] || { echo "gen-replaces: could not fetch go.mod of k8s.io/kubernetes@${K8S_VERSION}" >&2; exit 1; }

# Lines look like:  k8s.io/api => ./staging/src/k8s.io/api   (inside a replace block
# or as a single-line `replace k8s.io/api => ./staging/...`).
mapfile -t STAGING < <(sed -nE 's#^[[:space:]]*(replace[[:space:]]+)?(k8s\.io/[^[:space:]]+)[[:space:]]+=>[[:space:]]+\./staging/src/.*#\2#p' "$GOMOD_FILE" | sort -u)
if [[ ${#STAGING[@]} -eq 0 ]]; then
  echo "gen-replaces: no ./staging replaces found in $GOMOD_FILE" >&2
  exit 1
fi

# Drop every existing replace (the file is regenerated, not merged).
# `go mod edit -print` prints go.mod in canonical form: "<old> [<ver>] => <new> [<ver>]".
for old in $(go mod edit -print | sed -nE 's#^[[:space:]]*(replace[[:space:]]+)?([^[:space:]()]+)([[:space:]]+v[^[:space:]]+)?[[:space:]]+=>.*#\2#p' | sort -u); do
  go mod edit -dropreplace="$old"
done

args=()
for m in "${STAGING[@]}"; do
  args+=("-replace=${m}=${m}@${STAGING_VERSION}")
done
go mod edit -require="k8s.io/kubernetes@${K8S_VERSION}" "${args[@]}"

echo "gen-replaces: k8s.io/kubernetes ${K8S_VERSION}: ${#STAGING[@]} staging modules -> ${STAGING_VERSION}"
echo "gen-replaces: now run 'go mod tidy' (needs the Go module proxy)"
