#!/usr/bin/env bash
# The whole test command: every tier the machine can run. CI calls exactly this.
#  1. the real Kubernetes control plane for the API-server tier is built from Go modules (cached);
#  2. mvn verify runs unit tests, the mock-API-server tier, the real-API-server tier, e2e and the
#     deploy kit (including promtool's unit tests of the alert rules).
# Without Go (and no cached binaries) the real-API-server tier is skipped, and this says so loudly;
# with Go a failing build fails the run, and the tier is required. Likewise promtool (Debian's
# prometheus package; .ci/run installs it): present = the alert rule tests are required.
set -euo pipefail
cd "$(dirname "$0")"
have_go() { command -v go >/dev/null 2>&1 || [ -x /usr/local/go/bin/go ]; }
required=false
if e2e/control-plane/build.sh; then
  required=true
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
exec mvn -B -ntp verify -Dapiserver.required="$required" -Dpromtool.required="$promtool_required" "$@"
