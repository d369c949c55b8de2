# shellcheck shell=bash
# Shared by scripts/test, scripts/develop and scripts/lint: find the newest usable Python,
# pick the Home Assistant pins that Python allows, and create or reuse a cached venv.
# Source it; it defines lg_python_version, lg_requirements and lg_activate_venv.

LG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LG_CACHE="${LOCKOUT_GUARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lockout_guard}"

# Prints "major.minor.micro path" for the newest Python >= 3.13 found, or nothing.
lg_find_python() {
  local candidate version best_version="" best_path=""
  for candidate in python3.14 python3.13 python3 \
    "$HOME"/.pyenv/versions/3.14*/bin/python "$HOME"/.pyenv/versions/3.13*/bin/python; do
    command -v "$candidate" >/dev/null 2>&1 || [ -x "$candidate" ] || continue
    version=$("$candidate" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null) || continue
    if [ -z "$best_version" ] || [ "$(printf '%s\n%s\n' "$best_version" "$version" | sort -V | tail -n 1)" != "$best_version" ]; then
      best_version=$version
      best_path=$(command -v "$candidate" 2>/dev/null || echo "$candidate")
    fi
  done
  [ -n "$best_version" ] && echo "$best_version $best_path"
}

# Home Assistant 2026.3 and newer need Python >= 3.14.2; 2025.4.4 is the newest for 3.13.
lg_requirements_for() {
  local version=$1
  if [ "$(printf '3.14.2\n%s\n' "$version" | sort -V | head -n 1)" = "3.14.2" ]; then
    echo "$LG_ROOT/requirements/test-ha-newest.txt"
  elif [ "$(printf '3.13.0\n%s\n' "$version" | sort -V | head -n 1)" = "3.13.0" ]; then
    echo "$LG_ROOT/requirements/test-ha-2025.4.txt"
  else
    return 1
  fi
}

# Creates (or reuses) the venv for the chosen Python and activates it.
# The venv's name carries a hash of the pins, so a changed pin builds a fresh one.
lg_activate_venv() {
  local found version python requirements digest venv
  found=$(lg_find_python) || { echo "No Python >= 3.13 found (see \"Toolchain\" in the README)." >&2; return 1; }
  version=${found%% *}
  python=${found#* }
  requirements=$(lg_requirements_for "$version") || { echo "Python $version is too old." >&2; return 1; }
  digest=$(cat "$requirements" "$LG_ROOT/requirements/tools.txt" "$@" 2>/dev/null | sha256sum | cut -c1-12)
  venv="${LOCKOUT_GUARD_VENV:-$LG_CACHE/venv-py$version-$digest}"
  if [ ! -f "$venv/.installed" ]; then
    echo "Setting up $venv (Python $version, $(basename "$requirements"))..."
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip 2>&1 | grep -v "is ignored: it is neither" || true
    local extra
    for extra in "$requirements" "$@"; do
      "$venv/bin/python" -m pip install --quiet -r "$extra" 2>&1 | grep -v "is ignored: it is neither" || true
      "$venv/bin/python" -m pip check >/dev/null 2>&1 || true
    done
    "$venv/bin/python" -c "import homeassistant, pytest_homeassistant_custom_component" \
      || { echo "Installing the test requirements failed." >&2; return 1; }
    touch "$venv/.installed"
  fi
  # shellcheck disable=SC1091
  source "$venv/bin/activate"
  LG_HA_VERSION=$(python -c "from homeassistant.const import __version__; print(__version__)")
  LG_PYTHON_VERSION=$version
  export LG_HA_VERSION LG_PYTHON_VERSION
}
