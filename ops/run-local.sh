#!/usr/bin/env bash
# Builds Switchboard (skipping tests) and runs it on the embedded defaults: a PostgreSQL of its
# own with data in ./switchboard-data, the UI and API on http://localhost:8080.
# Extra arguments go to the jar, e.g. `ops/run-local.sh server my.yml`.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
exec java -jar service/target/switchboard.jar "$@"
