#!/usr/bin/env bash
# Writes .env for docker-compose.yml with fresh secrets: the gateway's token key, the internal-token key pairs of the
# gateway, llm-fallback-service and intent-service, and the PostgreSQL and Grafana passwords. An existing .env is never overwritten.
# Needs openssl. Usage: compose/make-env.sh [file] (default: .env next to docker-compose.yml)
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-.env}"
if [[ -e "$target" ]]; then
  echo "$target exists; not touching it (remove it to make new secrets)" >&2
  exit 1
fi

# one line of base64 (PKCS#8 private, X.509 public), which the services read as well as PEM
private_key() {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0
}
public_key() { base64 -d <<<"$1" | openssl pkey -inform DER -pubout -outform DER | base64 -w0; }
password() { openssl rand -base64 24 | tr -d '/+='; }

gateway=$(private_key)
llm=$(private_key)
intent=$(private_key)
umask 077
cat > "$target" <<ENV
# made by compose/make-env.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ); keep it private
JWT_SECRET_KEY=$(openssl rand -base64 48)
INTERNAL_AUTH_GATEWAY_PRIVATE_KEY=$gateway
INTERNAL_AUTH_GATEWAY_PUBLIC_KEY=$(public_key "$gateway")
INTERNAL_AUTH_LLM_FALLBACK_PRIVATE_KEY=$llm
INTERNAL_AUTH_LLM_FALLBACK_PUBLIC_KEY=$(public_key "$llm")
INTERNAL_AUTH_INTENT_PRIVATE_KEY=$intent
INTERNAL_AUTH_INTENT_PUBLIC_KEY=$(public_key "$intent")
POSTGRES_PASSWORD=$(password)
GRAFANA_ADMIN_PASSWORD=$(password)
ENV
echo "wrote $target"
