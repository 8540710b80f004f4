#!/bin/sh
# Starts app.py with the first Python 3 that has Flask: $PYTHON if set, then `python3` on PATH
# (which may be a pyenv shim without Flask), then Debian's /usr/bin/python3 (python3-flask).
here=$(dirname "$0")
for python in "${PYTHON:-}" python3 /usr/bin/python3; do
  [ -n "$python" ] || continue
  if "$python" -c 'import flask' >/dev/null 2>&1; then
    exec "$python" "$here/app.py"
  fi
done
echo "flask-cookie: no python3 with Flask found (Debian: apt-get install python3-flask; or pip install flask)" >&2
exit 1
