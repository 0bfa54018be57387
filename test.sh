#!/usr/bin/env bash
# The whole test command: every tier the machine can run. CI calls exactly this.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp verify "$@"
