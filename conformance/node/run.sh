#!/usr/bin/env bash
# Runs the @alicloud/pop-core conformance test (node --test) against
# cmd/slbfake. It skips, successfully, on a machine without Node.js; run it
# from anywhere:
#
#	bash conformance/node/run.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v node >/dev/null 2>&1; then
	echo "node not found: skipping the pop-core test"
	exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
	echo "npm not found: skipping the pop-core test"
	exit 0
fi
# The test builds cmd/slbfake with go, which may be installed but not on PATH.
if ! command -v go >/dev/null 2>&1; then
	export PATH="/usr/local/go/bin:$PATH"
fi

echo "node $(node --version), npm $(npm --version)"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
node --test
