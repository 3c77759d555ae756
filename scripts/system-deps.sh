#!/usr/bin/env bash
# SPDX-License-Identifier: MPL-2.0
# System packages the test suite needs: Debian's Chromium (browser tests; the
# Playwright browser download does not work here), Graphviz (map drawing) and
# gettext (message compilation). Installed only where missing and allowed.
set -uo pipefail
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v dot >/dev/null || missing+=(graphviz)
command -v msgfmt >/dev/null || missing+=(gettext)
((${#missing[@]})) || exit 0
sudo=""
[[ $(id -u) == 0 ]] || sudo="sudo -n"
echo "Installing system packages: ${missing[*]}"
if ! ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null); then
  echo "Could not install ${missing[*]}; the tests that need them will say so and skip." >&2
fi
exit 0
