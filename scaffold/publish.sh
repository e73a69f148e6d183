#!/bin/sh
# Checks and builds the portal, then copies it to any web server or object storage mount.
#   DEPLOY_TARGET=www@lib.example.edu.cn:/srv/www/ipis/ BASE_URL=https://lib.example.edu.cn/ipis/ ./publish.sh
set -eu
: "${DEPLOY_TARGET:?set DEPLOY_TARGET, e.g. www@lib.example.edu.cn:/srv/www/ipis/}"
ipportal check
if [ -n "${BASE_URL:-}" ]; then
  ipportal build --minify --base-url "$BASE_URL"
else
  ipportal build --minify
fi
rsync -az --delete public/ "$DEPLOY_TARGET"
