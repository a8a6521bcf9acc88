#!/usr/bin/env bash
# Last lines of the Grafana log, e.g. when a dashboard says "Bad Gateway".
#   scripts/grafana-logs.sh [lines]
set -euo pipefail

kubectl -n monitoring logs deploy/kube-prometheus-stack-grafana -c grafana --tail="${1:-200}"
