# Shared by scripts/run and scripts/test: a virtualenv in .venv with govbody installed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# pip's output goes to a log, shown only when the install fails.
if ! { .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip &&
       .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${GOVBODY_EXTRAS:-}"; } \
     > .venv/install.log 2>&1; then
  cat .venv/install.log
  echo "Installing govbody's Python packages failed (log above)." >&2
  exit 1
fi
