#!/usr/bin/env bash
# SLA clocks load harness (SlaLoad), see docs/performance.md, "SLA clocks: 100,000 open tickets".
# Starts a throwaway embedded PostgreSQL (restarted once with pg_stat_statements), a Twilio
# stand-in and the service in one JVM on loopback; sets a tenant up over the API (a user with a
# verified SMS number, an escalation policy paging them, a premium customer, a 24x7 SLA policy);
# then
#   setup:    tickets created in-process through the service's TicketService, in batches: every
#             one with its SLA clocks (sla_clocks rows and their Quartz triggers);
#   status:   PUT /api/v1/tickets/{id}/status: a random ticket to pending, then back to open,
#             closed-loop from 1 and from 4 clients, among the first 1,000 tickets and among all
#             100,000;
#   lateness: with the 100,000 waiting, 900 urgent tickets whose warnings, then breaches, fall due
#             at 20/s; how late each timer fires, acts and pages.
# Prints the machine's load (uptime) before and after, and per phase what else was using the CPU,
# what database sessions waited on, and statements per unit of work. Stops by itself (about
# 15 minutes with the defaults on a busy 2-core machine).
#
#   ops/bench-sla.sh
#   ops/bench-sla.sh --tickets=100000 --compare-tickets=1000 --batch=250 --threads=4 --clients=4 \
#       --warmup-seconds=10 --seconds=30 --due-rate=20 --due-seconds=45 --urgent-minutes=2
#   ops/bench-sla.sh --tickets=5000 --seconds=10 --due-rate=5 --due-seconds=20   # a quick try
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
  com.switchboard.bench.SlaLoad "$@" || status=$?
echo "uptime after: $(uptime)"
exit "$status"
