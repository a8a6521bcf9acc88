#!/usr/bin/env bash
# First install of Flux on a fresh k3s cluster. Run once, from the repository root,
# with kubectl pointing at the cluster (see scripts/connect-to-cluster.sh).
#
#   SOPS_AGE_KEY_FILE=~/.config/sops/age/keys.txt DEPLOY_KEY_FILE=~/.ssh/home-cluster-deploy scripts/bootstrap.sh
set -euo pipefail

AGE_KEY_FILE="${SOPS_AGE_KEY_FILE:-$HOME/.config/sops/age/keys.txt}"
DEPLOY_KEY_FILE="${DEPLOY_KEY_FILE:-$HOME/.ssh/home-cluster-deploy}"

command -v flux >/dev/null || { echo "flux CLI not found, see https://fluxcd.io/flux/installation/" >&2; exit 1; }
[ -r "$AGE_KEY_FILE" ] || { echo "age key not readable: $AGE_KEY_FILE" >&2; exit 1; }
[ -r "$DEPLOY_KEY_FILE" ] || { echo "deploy key not readable: $DEPLOY_KEY_FILE" >&2; exit 1; }

# 1. Flux controllers and CRDs (same versions as clusters/prod/flux-system)
flux check --pre
flux install

# 2. the age key that decrypts the *.sops.yaml files (the key name must end in .agekey)
kubectl create secret generic sops-age -n flux-system \
  --from-file=age.agekey="$AGE_KEY_FILE" \
  --dry-run=client -o yaml | kubectl apply -f -

# 3. read-only deploy key for the GitRepository "flux-system"
kubectl create secret generic flux-system -n flux-system \
  --from-file=identity="$DEPLOY_KEY_FILE" \
  --from-file=identity.pub="$DEPLOY_KEY_FILE.pub" \
  --from-literal=known_hosts="$(ssh-keyscan -T 10 github.com 2>/dev/null)" \
  --dry-run=client -o yaml | kubectl apply -f -

# 4. point Flux at this repository; from here on, git is the source of truth
kubectl apply -k clusters/prod/flux-system
flux reconcile kustomization flux-system --with-source --timeout=10m
