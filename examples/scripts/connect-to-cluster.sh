#!/usr/bin/env bash
# Tunnel to the k3s API on the server node (6443 is not reachable from the LAN)
# and check that kubectl works through it.
#
#   scripts/connect-to-cluster.sh && export KUBECONFIG=~/.kube/home-cluster.yaml
set -euo pipefail

K3S_HOST="${K3S_HOST:-admin@k3s-server.home.example.com}"
LOCAL_PORT="${LOCAL_PORT:-16443}"
KUBECONFIG_FILE="${KUBECONFIG_FILE:-$HOME/.kube/home-cluster.yaml}"

# fetch the kubeconfig once, rewritten to go through the tunnel
if [ ! -f "$KUBECONFIG_FILE" ]; then
  mkdir -p "$(dirname "$KUBECONFIG_FILE")"
  ssh -o BatchMode=yes "$K3S_HOST" sudo -n cat /etc/rancher/k3s/k3s.yaml \
    | sed "s#https://127.0.0.1:6443#https://127.0.0.1:${LOCAL_PORT}#" > "$KUBECONFIG_FILE"
  chmod 600 "$KUBECONFIG_FILE"
fi

# the tunnel
ssh -N -L "${LOCAL_PORT}:127.0.0.1:6443" "$K3S_HOST" &
sleep 2

KUBECONFIG="$KUBECONFIG_FILE" kubectl get nodes
