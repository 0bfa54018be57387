#!/usr/bin/env bash
# The whole test command: every tier the machine can run. CI calls exactly this.
#  1. the real Kubernetes control plane for the API-server tier is built from Go modules (cached);
#  2. mvn verify checks the formatting, then runs unit tests, the mock-API-server tier, the
#     real-API-server tier, e2e and the architecture rules.
# Without Go (and no cached binaries) the real-API-server tier is skipped, and this says so loudly;
# with Go a failing build fails the run, and the tier is required. Likewise promtool (Debian's
# prometheus package; .ci/run installs it): present = the alert rule tests are required.
#
#   ./test.sh                      every tier
#   ./test.sh --tier unit          one tier: unit | mock-api | apiserver | e2e (JUnit tags; unit = untagged)
#   ./test.sh -pl operator -am     extra arguments go to Maven
set -euo pipefail
cd "$(dirname "$0")"
tier=""
if [[ "${1:-}" == "--tier" ]]; then
  tier="${2:?--tier needs unit, mock-api, apiserver or e2e}"
  shift 2
fi
groups=()
case "$tier" in
  "") ;;
  unit) groups=(-Dgroups='none()') ;;
  mock-api|apiserver|e2e) groups=(-Dgroups="$tier") ;;
  *) echo "unknown tier '$tier': use unit, mock-api, apiserver or e2e" >&2; exit 2 ;;
esac
have_go() { command -v go >/dev/null 2>&1 || [ -x /usr/local/go/bin/go ]; }
required=false
if [[ "$tier" == "unit" || "$tier" == "mock-api" ]]; then
  : # these tiers need no control plane
elif e2e/control-plane/build.sh; then
  required=true
  e2e/control-plane/third-party-crds.sh
elif have_go; then
  echo "control-plane build failed: see above" >&2
  exit 1
else
  echo "================================================================================"
  echo "NOTE: Go is not installed: the real API server tier (e2e/control-plane) is SKIPPED."
  echo "      Install Go >= 1.25 to run it; every other tier runs."
  echo "================================================================================"
fi
promtool_required=false
if command -v promtool >/dev/null 2>&1; then
  promtool_required=true
  echo "promtool: $(promtool --version 2>&1 | head -1)"
else
  echo "================================================================================"
  echo "NOTE: promtool is not installed: the alert rule tests (deploy/monitoring, PromtoolRulesTest)"
  echo "      are SKIPPED. apt-get install prometheus (Debian) provides /usr/bin/promtool."
  echo "================================================================================"
fi
exec mvn -B -ntp verify -Dapiserver.required="$required" -Dpromtool.required="$promtool_required" \
  ${groups[@]+"${groups[@]}"} "$@"
