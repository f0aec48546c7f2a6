#!/bin/sh
# The container's start: the database and a cookie key on first start (on the volumes), then
# the door (Caddy in front of the app). DOMAIN set: HTTPS with an ACME certificate.
set -e
mkdir -p state secrets
if [ ! -s secrets/cookie.key ]; then
  python -c "import secrets; print(secrets.token_urlsafe(48))" > secrets/cookie.key
  chmod 600 secrets/cookie.key
  echo "Made a random login-cookie key in secrets/cookie.key"
fi
python -m vision.manage init
exec python -m vision.door --host 0.0.0.0 --port "${PORT:-8501}" --internal-port 8502
