#!/bin/sh
# Packs the four packages (`npm pack`, as they would be published) into OUT_DIR and puts the
# runtime install script beside them. The Dockerfile's build stage runs it after `npm ci` (whose
# `prepare` built every package); test/e2e/operators.test.ts runs the same line in a checkout.
set -eu
out=${1:?usage: deploy/docker/pack.sh OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
cd "$here/../.."
npm pack --silent --pack-destination "$out" \
  --workspace packages/protocol --workspace packages/sdk \
  --workspace packages/elements --workspace packages/server >/dev/null
cp "$here/install-server.sh" "$out/"
ls "$out"/novu-chat-protocol-*.tgz "$out"/novu-chat-sdk-*.tgz "$out"/novu-chat-elements-*.tgz "$out"/novu-chat-server-*.tgz >/dev/null
