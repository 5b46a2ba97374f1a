#!/usr/bin/env bash
# One entry point for a fresh machine: installs what the system and its tests need, then
#   ./build.sh run   -> runs the whole system on the embedded SQLite default
#   ./build.sh test  -> builds with warnings as errors and runs every test
#   ./build.sh bench -> prints the benchmark figures quoted in closing notes
#   ./build.sh publish -> artifacts/lambda.zip: the self-contained linux-x64 bundle every Lambda function runs
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '==> %s\n' "$*" >&2; }

apt_install() {
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_dotnet() {
  command -v dotnet >/dev/null || { echo "the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
}

# DynamoDB Local (a jar shipped in an npm package) needs Java; the SQS emulator needs Node; the console's browser
# tests drive Debian's Chromium (Playwright's own browser download is never used).
ensure_test_services() {
  command -v java >/dev/null || { log "installing Java 17 for DynamoDB Local"; apt_install openjdk-17-jre-headless; }
  [ -x /usr/lib/chromium/chromium ] || { log "installing Chromium for the console's browser tests"; apt_install chromium; }
  command -v npm >/dev/null || { log "installing Node.js and npm"; apt_install nodejs npm; }
  if ! cmp -s package-lock.json node_modules/.installed-lock 2>/dev/null; then
    log "installing pinned test services (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error >&2
    cp package-lock.json node_modules/.installed-lock
  fi
}

run_tests() {
  ensure_dotnet
  ensure_test_services
  log "building (warnings are errors)"
  dotnet build Payments.sln -c Release -warnaserror -nologo -v quiet
  log "testing"
  local out status=0
  out=$(mktemp)
  dotnet test Payments.sln -c Release --no-build -nologo 2>&1 | tee "$out" || status=$?
  # One plain closing line summing every test project.
  awk '/(Passed|Failed)! +- +Failed: /{
         gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
       } END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$out"
  rm -f "$out"
  return "$status"
}

# provided.al2023 runs ./bootstrap; _HANDLER (the topology's handler) names the function: api, worker, projector, job-enqueuer.
publish_lambda_bundle() {
  ensure_dotnet
  local out=artifacts/lambda
  rm -rf "$out" artifacts/lambda.zip
  log "publishing the self-contained linux-x64 bundle"
  dotnet publish src/Functions/Functions.csproj -c Release -r linux-x64 --self-contained true -o "$out" -nologo -v quiet
  printf '#!/bin/sh\nexec "$(dirname "$0")/payments" lambda "$_HANDLER"\n' > "$out/bootstrap"
  chmod +x "$out/bootstrap" "$out/payments"
  # python's zipfile keeps the execute bits Lambda needs on bootstrap and payments.
  (cd "$out" && python3 -m zipfile -c ../lambda.zip ./*)
  log "artifacts/lambda.zip: $(du -h artifacts/lambda.zip | cut -f1)"
}

case "${1:-test}" in
  test) run_tests ;;
  run) ensure_dotnet; shift; exec dotnet run --project src/Functions -c Release -- serve "$@" ;;
  bench) ensure_dotnet; shift; exec dotnet run --project src/Bench -c Release -- "${@:-append}" ;;
  publish) publish_lambda_bundle ;;
  *) echo "usage: ./build.sh [test|run|bench|publish]" >&2; exit 2 ;;
esac
