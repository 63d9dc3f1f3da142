#!/usr/bin/env bash
# End-to-end load harness for "who is on call now" (GET /api/v1/oncall), see docs/performance.md.
# Starts a throwaway embedded PostgreSQL and the service in one JVM on loopback, signs up a tenant,
# inserts 5,000 schedules (1-3 layers each, overrides) inside the tenant's scope, times 30
# sequential calls after 10 warm-up calls for the whole tenant and for one team of 50 schedules,
# then splits one answer into SQL, service and JSON time. Stops by itself.
#
#   ops/bench-oncall.sh                      # build if needed, then run with the defaults
#   ops/bench-oncall.sh --runs=50 --schedules=10000 --team-size=50 --warmup=10 --seed=4
#   BENCH_JAVA_OPTS='-XX:StartFlightRecording=filename=oncall.jfr' ops/bench-oncall.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f service/target/switchboard.jar || ! -f benchmarks/target/benchmarks.jar ]]; then
  mvn -B -q -DskipTests package -pl benchmarks -am
fi
# benchmarks.jar holds the harness (and JMH); the service and its dependencies come from the
# service's own runnable jar.
exec java ${BENCH_JAVA_OPTS:-} -Xmx1g \
  -cp benchmarks/target/benchmarks.jar:service/target/switchboard.jar \
  com.switchboard.bench.OnCallLoad "$@"
