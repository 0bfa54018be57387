#!/usr/bin/env bash
# Copies real third-party CRDs from published Go modules (the project's own YAML, as released) to
#   ${KUBE_API_TEST_DIR:-~/.kubeapitest}/crds/<module>@<version>/
# for the real-API-server tier, the same way build.sh gets the control plane: offline after the
# first run. Today: CloudNativePG's Cluster, ScheduledBackup and Pooler (the cnpg-postgres sample).
# Without Go it prints a note and exits 0; the tests then use the committed stand-ins in
# deploy/samples/third-party-crds and say so.
set -euo pipefail
CNPG_MODULE=github.com/cloudnative-pg/cloudnative-pg
CNPG_VERSION=v1.27.1
target="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/crds/cloudnative-pg@${CNPG_VERSION}"
if [[ -s "$target/postgresql.cnpg.io_clusters.yaml" ]]; then
  echo "third-party CRDs: $target (cached)"
  exit 0
fi
go=go
command -v go >/dev/null 2>&1 || go=/usr/local/go/bin/go
if ! command -v "$go" >/dev/null 2>&1; then
  echo "third-party CRDs: Go not installed, the real-API-server tier uses the committed stand-ins"
  exit 0
fi
dir=$(cd /tmp && GOFLAGS=-mod=mod "$go" mod download -json "${CNPG_MODULE}@${CNPG_VERSION}" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[[ -d "$dir/config/crd/bases" ]] || { echo "third-party CRDs: no config/crd/bases in '$dir'" >&2; exit 1; }
mkdir -p "$target.tmp"
for kind in clusters scheduledbackups poolers; do
  cp "$dir/config/crd/bases/postgresql.cnpg.io_${kind}.yaml" "$target.tmp/"
done
rm -rf "$target" && mv "$target.tmp" "$target"
echo "third-party CRDs: $target (from ${CNPG_MODULE}@${CNPG_VERSION})"
