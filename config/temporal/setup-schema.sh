#!/bin/sh
# Creates Temporal's two databases on PostgreSQL and brings their schemas up to the tool's version (the schemas
# are embedded in temporal-sql-tool, which is built from the same module and version as the server). Safe to run
# on every start: what exists is kept, only missing versions are applied.
# Used by `npm run cluster` (runtime/cluster/cluster.ts) and by docker-compose.yml (service temporal-admin-tools).
# Environment: SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD (read by temporal-sql-tool itself), TEMPORAL_SQL_TOOL.
set -eu
tool="${TEMPORAL_SQL_TOOL:-temporal-sql-tool}"
for db in temporal temporal_visibility; do
  schema=temporal
  [ "$db" = temporal_visibility ] && schema=visibility
  "$tool" --plugin postgres12 --db "$db" create-database >/dev/null 2>&1 || echo "databasen $db finns redan"
  if ! "$tool" --plugin postgres12 --db "$db" update-schema --schema-name "postgresql/v12/$schema" 2>/dev/null; then
    # A new database: the version tables first, then every versioned step.
    "$tool" --plugin postgres12 --db "$db" setup-schema -v 0.0
    "$tool" --plugin postgres12 --db "$db" update-schema --schema-name "postgresql/v12/$schema"
  fi
done
