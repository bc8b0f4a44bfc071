#!/usr/bin/env bash
# System packages the integration and browser tests use: Debian's Prosody and ejabberd (real
# XMPP servers), python3-slixmpp (a real Python client) and Chromium (a real browser). Installs
# only what is missing, so it is cheap to run again.
set -euo pipefail
missing=()
command -v prosody >/dev/null 2>&1 && command -v prosodyctl >/dev/null 2>&1 || missing+=(prosody)
command -v ejabberdctl >/dev/null 2>&1 || missing+=(ejabberd)
/usr/bin/python3 -c 'import slixmpp' >/dev/null 2>&1 || missing+=(python3-slixmpp)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: prosody, ejabberd, python3-slixmpp and chromium are installed"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y "${missing[@]}"
# The packages' own services are not used: the tests and the load comparison start their own
# servers on free loopback ports with their own configs and data folders.
if command -v service >/dev/null 2>&1; then
  [[ " ${missing[*]} " == *" prosody "* ]] && { service prosody stop >/dev/null 2>&1 || true; }
  if [[ " ${missing[*]} " == *" ejabberd "* ]]; then
    service ejabberd stop >/dev/null 2>&1 || true
    # The package's Erlang port mapper, started for its node; ours start their own on loopback.
    command -v epmd >/dev/null 2>&1 && { epmd -kill >/dev/null 2>&1 || true; }
  fi
fi
exit 0
