#!/usr/bin/env bash
# Builds every module and starts the whole system on this machine: a Kafka broker and PostgreSQL from
# Maven artifacts, then each service as its own process. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -B -ntp install -DskipTests
exec java -jar local-stack/target/local-stack.jar "$@"
