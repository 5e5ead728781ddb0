#!/usr/bin/env bash
# Generates internal/dbprep: the library's queries as sqlc emits them with
# emit_prepared_queries: true, so the benchmarks can measure that option against mattn's
# per-connection statement cache without touching the library's sqlc.yaml. The config is
# the library's own, with only the output package and that one option changed.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/internal/dbprep
sed -e 's|^    schema: schema$|    schema: ../../../schema|' \
    -e 's|^    queries: queries$|    queries: ../../../queries|' \
    -e 's|^        package: db$|        package: dbprep|' \
    -e 's|^        out: db$|        out: .\n        emit_prepared_queries: true|' \
    sqlc.yaml > "$out/sqlc.yaml"
grep -q 'emit_prepared_queries: true' "$out/sqlc.yaml"
rm -f "$out"/*.go
GOWORK=off go tool -modfile=tools/go.mod sqlc generate -f "$out/sqlc.yaml"
