#!/usr/bin/env bash
# Alert intake harness (EventsLoad), see docs/performance.md, "5. Alert intake: events at line rate".
# Starts a throwaway embedded PostgreSQL (fsync and synchronous_commit on; restarted once with
# pg_stat_statements), a Twilio stand-in that timestamps each SMS request, and the service in one
# JVM on loopback with events-bench-config.yml (per-key event rate limit and per-service incident
# cap raised); sets up 10 tenants x 10 services with one events_v2 integration each over the API;
# then
#   ceiling:   pgbench (Debian postgresql-client) single-row, then 100-row, INSERT transactions
#              into a copy of alert_events, same server, 16 clients;
#   incidents: new dedup keys across the 100 services at each rate, event -> first SMS at the stub;
#   sustained: POST /v2/enqueue open-loop at each rate, 90 % repeating an open alert's key,
#              202 latency, refusals, failures, the processor's backlog, every 202 checked stored;
#   overload:  one step far above capacity, every answer counted by kind.
# Prints the machine's load (uptime) before and after, and per step the CPU split, database waits
# and statements per event. Stops by itself (about 10 minutes with the defaults). Needs pgbench on
# the PATH (apt-get install postgresql-client) and Linux (/proc) for the CPU split.
#
#   ops/bench-events.sh
#   ops/bench-events.sh --phases=ceiling,sustained --rates=500,1000 --seconds=10 --tenants=2
#   ops/bench-events.sh --incident-rates=50,100,200,300 --overload-rate=15000 --drain-seconds=60
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pgbench >/dev/null || { echo "pgbench not found: apt-get install postgresql-client" >&2; exit 2; }
if [[ ! -f service/target/switchboard.jar || ! -f benchmarks/target/benchmarks.jar ]]; then
  mvn -B -q -DskipTests package -pl benchmarks -am
fi
echo "uptime before: $(uptime)"
status=0
# benchmarks.jar holds the harness; the service and its dependencies come from its runnable jar.
# On two cores the common ForkJoinPool has one thread, and CompletableFuture then starts a new
# thread for every async step of the JDK HTTP client's answers (10,000 threads a minute at 500
# events/s): two threads give it a pool.
java -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 ${BENCH_JAVA_OPTS:-} -Xmx2g \
  -cp benchmarks/target/benchmarks.jar:service/target/switchboard.jar \
  com.switchboard.bench.EventsLoad "$@" || status=$?
echo "uptime after: $(uptime)"
exit "$status"
