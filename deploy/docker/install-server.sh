#!/bin/sh
# Installs the Novu Chat server into the current (empty) directory from the tarballs in DIR, with
# production dependencies only: no compiler, no test tools, no sources of the monorepo. The
# element's package comes along because the server serves its CDN file at /novu-chat.js.
# The Dockerfile's runtime stage runs it; test/e2e/operators.test.ts runs the same line.
set -eu
dir=${1:?usage: install-server.sh DIR_WITH_TARBALLS}
if [ -e package.json ] || [ -e node_modules ]; then
  echo "install-server.sh: run it in an empty directory (found package.json or node_modules)" >&2
  exit 1
fi
# The tarballs are kept in the app (./tarballs), so the lockfile written here stays valid and
# `npm ci --omit=dev` reproduces this install.
mkdir -p tarballs
cp "$dir"/novu-chat-*.tgz tarballs/
printf '{\n  "name": "novu-chat-deployment",\n  "private": true\n}\n' > package.json
npm install --omit=dev --no-audit --no-fund --no-update-notifier ./tarballs/novu-chat-*.tgz
test -f node_modules/@novu-chat/server/bin/novu-chat-server.js
