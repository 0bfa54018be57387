#!/usr/bin/env bash
# The whole system locally: Kubernetes API (kube-apiserver + etcd when built, else the fabric8 mock), CRDs + sample offering, operator, OSB
# adapter, metering sink, delivery-note receiver, simulated kubelet. Prints the URLs, credentials and curl examples.
# Environment: SANDBOX_DIR (.sandbox), SANDBOX_OSB_PORT (8080), SANDBOX_KUBE (auto|apiserver|mock|real),
# SANDBOX_READY_DELAY_MS (2000), SANDBOX_METERING_WINDOW_SECONDS (60), SANDBOX_SKIP_BUILD=1.
# Extra arguments go to Maven (e.g. ./sandbox.sh -o for an offline build).
set -euo pipefail
cd "$(dirname "$0")"
if [[ "${SANDBOX_SKIP_BUILD:-0}" != "1" || ! -f sandbox/target/classpath.txt ]]; then
  echo "building (mvn -q -B -ntp -DskipTests package -pl sandbox -am) ..."
  mkdir -p "${SANDBOX_DIR:-.sandbox}"
  log="${SANDBOX_DIR:-.sandbox}/build.log"
  mvn -q -B -ntp -DskipTests package -pl sandbox -am "$@" >"$log" 2>&1 || { cat "$log"; echo "build failed"; exit 1; }
fi
exec java -XX:+UseSerialGC -Dlogback.configurationFile=sandbox-logback.xml \
  -cp "sandbox/target/classes:$(cat sandbox/target/classpath.txt)" io.exomarket.sandbox.Sandbox
