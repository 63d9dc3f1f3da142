#!/usr/bin/env bash
# Paging load harness (PagingLoad), see docs/performance.md, "Paging: trigger to SMS, step lateness".
# Starts a throwaway embedded PostgreSQL (restarted once with pg_stat_statements), a Twilio
# stand-in that timestamps each SMS request, and the service in one JVM on loopback; sets a tenant
# up over the API; then
#   trigger:  POST /api/v1/incidents open-loop at each rate, trigger -> first SMS at the stub;
#   lateness: 100,000 Quartz triggers waiting; 900 second escalation steps falling due at 20/s,
#             how late each fires, runs and reaches the stub;
#   baseline: the service stopped, the same Quartz settings with no-op jobs and the same due times.
# Prints the machine's load (uptime) before and after, and per phase what else was using the CPU,
# what database sessions waited on, and statements per unit of work. Stops by itself (about 12-15
# minutes with the defaults). Needs Linux (/proc) for the CPU split; the rest runs anywhere.
#
#   ops/bench-paging.sh
#   ops/bench-paging.sh --rates=50,500 --seconds=30 --warmup-seconds=15 --tenants=1 \
#       --pending=100000 --pending-mode=jobs --due-rate=20 --due-seconds=45 --provider-delay-ms=0
#   ops/bench-paging.sh --phases=trigger --tenants=10            # the same load over 10 tenants
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f service/target/switchboard.jar || ! -f benchmarks/target/benchmarks.jar ]]; then
  mvn -B -q -DskipTests package -pl benchmarks -am
fi
echo "uptime before: $(uptime)"
status=0
# benchmarks.jar holds the harness; the service and its dependencies come from its runnable jar.
java ${BENCH_JAVA_OPTS:-} -Xmx2g \
  -cp benchmarks/target/benchmarks.jar:service/target/switchboard.jar \
  com.switchboard.bench.PagingLoad "$@" || status=$?
echo "uptime after: $(uptime)"
exit "$status"
