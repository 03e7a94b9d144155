#!/usr/bin/env bash
# Every test of the project: lint, type-check and unit tests of each Nx project, then the
# integration suite against one real environment (servers built once into the binary cache).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

bash tools/devenv/scripts/install-binaries.sh >/dev/null
nx run-many -t lint typecheck test --outputStyle=stream
jest -c jest.integration.config.js
