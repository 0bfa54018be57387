#!/usr/bin/env bash
# Smoke test of the binaries installed by build.sh: starts etcd, kube-apiserver
# and kube-controller-manager on 127.0.0.1 only (random free ports, temp dirs),
# runs kubectl against them, then stops everything it started.
#
# Usage: ./verify.sh [binary-dir]   (default: the directory build.sh installs to)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="${1:-$("$SCRIPT_DIR/build.sh" --print-dir)}"
die() { echo "control-plane verify FAILED: $*" >&2; exit 1; }
for b in etcd kube-apiserver kubectl kube-controller-manager; do
  [[ -x "$BIN/$b" ]] || die "missing $BIN/$b (run ./build.sh first)"
done
command -v openssl >/dev/null 2>&1 || die "openssl is needed to make the service-account key"

TMP="$(mktemp -d /tmp/control-plane-verify.XXXXXX)"
PIDS=()
stop_pid() {  # SIGTERM, up to 10 s for a graceful exit, then SIGKILL
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local i
  # reverse start order: controller-manager, apiserver, then etcd
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do stop_pid "${PIDS[$i]}"; done
  rm -rf "$TMP"
}
trap cleanup EXIT

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
  else
    echo $(( 20000 + RANDOM % 20000 ))
  fi
}
wait_for() {  # wait_for <seconds> <pid that must stay alive> <command...>
  local secs=$1 pid=$2; shift 2
  for _ in $(seq 1 $(( secs * 5 ))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "process $pid exited" >&2; return 1; }
    sleep 0.2
  done
  return 1
}

ETCD_PORT=$(free_port); ETCD_PEER_PORT=$(free_port); API_PORT=$(free_port)
TOKEN="verify-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
echo "${TOKEN},verify-admin,verify-admin,system:masters" > "$TMP/tokens.csv"
openssl genrsa -out "$TMP/sa.key" 2048 2>/dev/null

"$BIN/etcd" --name default --data-dir "$TMP/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "default=http://127.0.0.1:$ETCD_PEER_PORT" >"$TMP/etcd.log" 2>&1 &
PIDS+=($!)
wait_for 30 "${PIDS[-1]}" curl -fsS "http://127.0.0.1:$ETCD_PORT/health" || { tail -20 "$TMP/etcd.log"; die "etcd did not become healthy"; }
echo "etcd healthy on 127.0.0.1:$ETCD_PORT: $(curl -fsS "http://127.0.0.1:$ETCD_PORT/version")"

"$BIN/kube-apiserver" \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" \
  --cert-dir="$TMP/apiserver-certs" \
  --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
  --token-auth-file="$TMP/tokens.csv" \
  --authorization-mode=RBAC \
  --service-account-issuer=https://kubernetes.default.svc \
  --service-account-key-file="$TMP/sa.key" --service-account-signing-key-file="$TMP/sa.key" \
  --service-cluster-ip-range=10.0.0.0/24 \
  >"$TMP/apiserver.log" 2>&1 &
API_PID=$!; PIDS+=($API_PID)

cat > "$TMP/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: verify
  cluster:
    server: https://127.0.0.1:$API_PORT
    insecure-skip-tls-verify: true
users:
- name: verify-admin
  user:
    token: $TOKEN
contexts:
- name: verify
  context: {cluster: verify, user: verify-admin}
current-context: verify
EOF
export KUBECONFIG="$TMP/kubeconfig"
K="$BIN/kubectl"

wait_for 90 "$API_PID" "$K" get --raw /readyz || { tail -30 "$TMP/apiserver.log"; die "kube-apiserver did not become ready"; }
wait_for 30 "$API_PID" "$K" get ns default || die "namespace 'default' never appeared"

"$BIN/kube-controller-manager" \
  --kubeconfig="$TMP/kubeconfig" --bind-address=127.0.0.1 --secure-port=0 --leader-elect=false \
  --service-account-private-key-file="$TMP/sa.key" --controllers='*' \
  >"$TMP/kcm.log" 2>&1 &
KCM_PID=$!; PIDS+=($KCM_PID)

echo "--- kubectl version"
"$K" version
echo "--- kubectl get ns"
"$K" get ns
echo "--- kubectl api-resources (first lines; total count below)"
"$K" api-resources > "$TMP/api-resources.txt"
head -5 "$TMP/api-resources.txt"
echo "... $(( $(wc -l < "$TMP/api-resources.txt") - 1 )) resources"
echo "--- kubectl create/get (server-side round trip through etcd)"
"$K" create namespace verify-ns
"$K" -n verify-ns create configmap hello --from-literal=greeting=hi
"$K" -n verify-ns get configmap hello -o jsonpath='{.data.greeting}{"\n"}'
echo "--- kube-controller-manager: waiting for its serviceaccount controller to create verify-ns/default"
wait_for 60 "$KCM_PID" "$K" -n verify-ns get serviceaccount default \
  || { tail -30 "$TMP/kcm.log"; die "kube-controller-manager did not create the default service account"; }
"$K" -n verify-ns get serviceaccount default
echo "control-plane verify OK ($BIN)"
