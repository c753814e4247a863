#!/usr/bin/env bash
# Mutation testing of the domain (model/) and the state machine (engine/)
# with gremlins v0.6.0, fetched through the Go module proxy like any module.
# Slow (tens of minutes on two cores), so it is not part of .ci/run.
#
#   bash scripts/mutation.sh                # model and engine
#   bash scripts/mutation.sh engine         # one package
#
# Each mutant is judged by the tests of its own package (go test ./model,
# go test ./engine): KILLED when they fail, LIVED when they pass, TIMED OUT
# when they run past the timeout (the package's test time, measured first
# without the test cache, times MUTATION_TIMEOUT_COEFFICIENT). The summary of
# each package (efficacy: killed / (killed + lived)) ends its log; the
# machine-readable report is the JSON beside it. Surviving mutants judged
# equivalent are listed in scripts/mutation-equivalent.txt.
#
# Environment: MUTATION_OUT (where the logs and reports go; default
# $TMPDIR/slbfake-mutation, outside the tree), MUTATION_WORKERS (default: the
# number of CPUs), MUTATION_TIMEOUT_COEFFICIENT (default 30).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${MUTATION_OUT:-${TMPDIR:-/tmp}/slbfake-mutation}
workers=${MUTATION_WORKERS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}
coefficient=${MUTATION_TIMEOUT_COEFFICIENT:-30}
packages=("$@")
if [ ${#packages[@]} -eq 0 ]; then
	packages=(model engine)
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
bin="$out/gremlins"
[ -x "$bin" ] || GOBIN="$out" go install github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0

status=0
for pkg in "${packages[@]}"; do
	echo "== mutation testing ./$pkg (logs: $out/$pkg.log)"
	# -count=1: the coverage run that sets the timeout must really run the
	# tests, or a cached result makes every mutant time out.
	GOFLAGS=-count=1 "$bin" unleash --workers "$workers" --timeout-coefficient "$coefficient" \
		-o "$out/$pkg.json" "./$pkg" >"$out/$pkg.log" 2>&1 || status=$?
	grep -E '^(Killed|Timed out|Test efficacy|Mutator coverage)' "$out/$pkg.log" || true
	grep -E '^ +LIVED ' "$out/$pkg.log" || true
done
exit "$status"
