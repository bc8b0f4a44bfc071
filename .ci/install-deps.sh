#!/usr/bin/env bash
# System packages the integration and browser tests use: Debian's Prosody (a real XMPP server)
# and Chromium (a real browser). Installs only what is missing, so it is cheap to run again.
set -euo pipefail
missing=()
command -v prosody >/dev/null 2>&1 && command -v prosodyctl >/dev/null 2>&1 || missing+=(prosody)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: prosody and chromium are installed"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y "${missing[@]}"
# The package's own Prosody service is not used (the tests start theirs on free loopback ports).
if [[ " ${missing[*]} " == *" prosody "* ]] && command -v service >/dev/null 2>&1; then
  service prosody stop >/dev/null 2>&1 || true
fi
