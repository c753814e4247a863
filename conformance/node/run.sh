#!/usr/bin/env bash
# Runs the Node.js conformance tests (node --test) against cmd/slbfake: the
# @alicloud/pop-core test (Signature V1, addbackendservers.test.js) and the
# V2.0 SDKs' test (@alicloud/openapi-client, @alicloud/openapi-core and the
# generated @alicloud/ecs20140526 and @alicloud/vpc20160428; Signature V3,
# v2sdks.test.js). It skips, successfully, on a machine without Node.js; run
# it from anywhere:
#
#	bash conformance/node/run.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v node >/dev/null 2>&1; then
	echo "node not found: skipping the Node.js conformance tests"
	exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
	echo "npm not found: skipping the Node.js conformance tests"
	exit 0
fi
# The tests build cmd/slbfake with go, which may be installed but not on PATH.
if ! command -v go >/dev/null 2>&1; then
	export PATH="/usr/local/go/bin:$PATH"
fi

echo "node $(node --version), npm $(npm --version)"
# Exactly the versions of package-lock.json. --ignore-scripts: the one
# install script of the tree (@alicloud/openapi-core's postinstall) installs
# an older TypeScript on Node 10 and 12 only, and does nothing on the Node
# versions these tests need (18 and later).
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
node --test
