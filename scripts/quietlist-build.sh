#!/usr/bin/env bash
# The nightly build as cron or systemd runs it: fetch nothing, read the export the registry dropped,
# build (oprf mode unless QUIETLIST_BUILD_OPTIONS says --mode), publish, and leave the summary in the
# log. Exit codes: 0 published, 1 usage/config, 2 data refused (nothing published), 3 storage failure,
# 4 another build won the race.
# Configure with an environment file (see quietlist-build.env.example).
set -euo pipefail
cd "${QUIETLIST_HOME:?set QUIETLIST_HOME to the quietlist checkout}"
exec npx --no-install quietlist build "${QUIETLIST_EXPORT:?set QUIETLIST_EXPORT to the registry export}" \
  --store "${QUIETLIST_STORE:?set QUIETLIST_STORE, e.g. s3://bucket/prefix}" \
  --keys "${QUIETLIST_KEYS:-/etc/quietlist/keys}" \
  ${QUIETLIST_REGISTER:+--register "$QUIETLIST_REGISTER"} \
  ${QUIETLIST_DATE_COLUMN:+--date-column "$QUIETLIST_DATE_COLUMN"} \
  --oprf-state "${QUIETLIST_OPRF_STATE:-/var/lib/quietlist/oprf-state}" \
  --rejects "${QUIETLIST_REJECTS:-/var/log/quietlist/rejects-$(date -u +%Y%m%d).csv}" \
  ${QUIETLIST_BUILD_OPTIONS:-}
