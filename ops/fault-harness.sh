#!/usr/bin/env bash
# Fault harness, see docs/reliability.md. Real processes on loopback: an external PostgreSQL 15
# (Debian's, installed with apt if missing; the harness runs as root and starts it as `postgres`),
# service JVMs from service/target/switchboard.jar, and Twilio/SendGrid stand-ins that are HTTP
# servers in processes of their own (ops/fault/ProviderStandIn.java) recording every request.
# Scenarios, each on a fresh database: node-crash, db-restart, provider-failure, fuzz. Prints one
# line per scenario with its figures, then `N passed, M failed`; exits 0 only when all pass.
# About 9 minutes for all on 2 cores (docs/reliability.md has a run).
#
#   ops/fault-harness.sh
#   ops/fault-harness.sh --scenarios=db-restart,fuzz
#   SWITCHBOARD_JAR=/tmp/switchboard.jar ops/fault-harness.sh   # a copy, while target/ is rebuilt
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -x /usr/lib/postgresql/15/bin/pg_ctl && ! -x /usr/lib/postgresql/16/bin/pg_ctl \
      && ! -x /usr/lib/postgresql/17/bin/pg_ctl ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
jar=${SWITCHBOARD_JAR:-service/target/switchboard.jar}
if [[ ! -f "$jar" ]]; then
  mvn -B -q -DskipTests package
fi
echo "machine: $(nproc) cores, $(free -m | awk '/Mem:/ {print $2}') MB; uptime before: $(uptime)"
status=0
java -Xmx512m -Dharness.jar="$jar" -cp "$jar" ops/fault/FaultHarness.java "$@" || status=$?
echo "uptime after: $(uptime)"
exit "$status"
