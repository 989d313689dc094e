#!/bin/bash
# dev.sh: the single entry point behind README's two commands: `dev.sh run` and `dev.sh test`.
#
# Works on a fresh Debian 12 machine, as root or as a user with sudo. Installs only missing packages (one
# apt-get update, one apt-get install), builds into _build, installs into _install, then runs the app or
# every test suite under a private Xvfb and D-Bus session bus that are stopped on exit.
#
# Environment knobs (all optional):
#   YC_HEADLESS=1        `run` without a display: smoke-start the app under xvfb-run until its first frame
#   YC_BUILDDIR=DIR      build directory (default _build)
#   YC_SKIP_DEPS=1       do not look at packages at all (offline machine that is known to be complete)
#   YC_TEST_ARGS="..."   extra arguments for `meson test` (e.g. "--suite core")
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")/.."
SRCDIR=$PWD
BUILDDIR=${YC_BUILDDIR:-_build}
PREFIX=$SRCDIR/_install

# What the app needs to build and run (RECIPES.md). dconf makes GSettings persist for a real user.
RUN_PACKAGES=(
  build-essential meson ninja-build pkg-config gettext desktop-file-utils appstream libglib2.0-bin
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsqlite3-dev sqlite3
  libsane-dev libcups2-dev libqrencode-dev libjpeg62-turbo-dev libcairo2-dev libpango1.0-dev
  libpoppler-glib-dev glib-networking dconf-gsettings-backend
  locales fonts-noto-cjk
)
# What `run` additionally needs without a display (YC_HEADLESS=1).
HEADLESS_PACKAGES=(xvfb xauth dbus)
# What the test suites need on top (ui under Xvfb, e2e through AT-SPI, documents, devices, validation).
TEST_PACKAGES=(
  xvfb xauth dbus at-spi2-core python3-pyatspi python3-gi gir1.2-atspi-2.0
  imagemagick poppler-utils qpdf zbar-tools cups cups-bsd cups-client sane-utils valgrind
  desktop-file-utils appstream
)
# Locales the translations and the locale tests use (zh_CN is the clerks' language; ru for guidance).
LOCALES=(zh_CN ru_RU)

log() { printf '\033[1mdev.sh:\033[0m %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
  cat >&2 <<EOF
usage: build-aux/dev.sh run [ARGS…]   install packages, build, install into _install, start Yichuang
       build-aux/dev.sh test          install packages, build, run every test suite and the benchmarks
       build-aux/dev.sh env CMD…      run CMD among the tests' services (Xvfb, D-Bus, cupsd, SANE)
EOF
  exit 2
}

# as_root CMD…: run CMD as root, through sudo for a normal user.
as_root() {
  if ((EUID == 0)); then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "need root to run '$*': run as root or install sudo"
  fi
}

# ensure_packages PKG…: install the missing ones; no apt at all when everything is there (fast re-runs).
ensure_packages() {
  local missing=() p
  if [[ ${YC_SKIP_DEPS:-0} == 1 ]]; then return 0; fi
  for p in "$@"; do
    if ! dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii'; then missing+=("$p"); fi
  done
  if ((${#missing[@]} > 0)); then
    log "installing ${#missing[@]} packages: ${missing[*]}"
    # man-db's trigger rebuilds the manual index after every install: slow and useless here.
    echo 'man-db man-db/auto-update boolean false' | as_root debconf-set-selections
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
  ensure_locales
}

# localedef instead of locale-gen: no edit of /etc/locale.gen, and only the locales we need.
ensure_locales() {
  local l
  for l in "${LOCALES[@]}"; do
    if ! locale -a 2>/dev/null | grep -qix "$l\.utf-\?8"; then
      log "generating locale $l.UTF-8"
      # -c writes the locale despite harmless warnings, whose exit status is 1; check the result instead.
      as_root localedef -i "$l" -c -f UTF-8 "$l.UTF-8" || true
      locale -a 2>/dev/null | grep -qix "$l\.utf-\?8" || die "could not generate locale $l.UTF-8"
    fi
  done
}

# Configure once; if _build was configured elsewhere with another prefix, point it at _install.
configure() {
  if [[ ! -f $BUILDDIR/build.ninja ]]; then
    meson setup "$BUILDDIR" --prefix="$PREFIX"
    return
  fi
  local current
  current=$(meson introspect "$BUILDDIR" --buildoptions |
            python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
  if [[ $current != "$PREFIX" ]]; then
    log "$BUILDDIR had prefix $current; switching to $PREFIX"
    meson configure "$BUILDDIR" -Dprefix="$PREFIX"
  fi
}

build() {
  configure && ninja -C "$BUILDDIR"
}

# ---- services for the tests; each start_* registers its own stop in STOP_PIDS and exports what clients need ----

WORKDIR=''
STOP_PIDS=()

cleanup() {
  local pid i
  for ((i = ${#STOP_PIDS[@]} - 1; i >= 0; i--)); do
    pid=${STOP_PIDS[i]}
    kill -TERM "$pid" 2>/dev/null || true
  done
  # Give them a moment to go; cupsd takes ~1.5 s. Then make sure.
  for i in {1..30}; do
    local alive=0
    for pid in "${STOP_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  for pid in "${STOP_PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  if [[ -n $WORKDIR ]]; then rm -rf "$WORKDIR"; fi
}

# wait_for SECONDS CMD…: poll CMD every 0.1 s until it succeeds; fail after SECONDS.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# Xvfb picks a free display itself (-displayfd), so parallel runs never collide.
start_xvfb() {
  local dfile=$WORKDIR/display.txt
  : >"$dfile"
  Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$dfile" >"$WORKDIR/xvfb.log" 2>&1 &
  STOP_PIDS+=($!)
  wait_for 20 test -s "$dfile" || { cat "$WORKDIR/xvfb.log" >&2; die "Xvfb did not start"; }
  DISPLAY=:$(head -n1 "$dfile")
  export DISPLAY
  export GDK_BACKEND=x11
  log "Xvfb on $DISPLAY"
}

# A private session bus (not dbus-x11: it autolaunches buses and AT-SPI daemons that outlive the tests).
start_dbus() {
  local out
  out=$(dbus-daemon --session --fork --print-address=1 --print-pid=1)
  export DBUS_SESSION_BUS_ADDRESS=${out%%$'\n'*}
  STOP_PIDS+=("${out##*$'\n'}")
  log "D-Bus session bus at $DBUS_SESSION_BUS_ADDRESS"
}

# Hook for the printer tests: a private cupsd with FileDevice, reachable through CUPS_SERVER (RECIPES.md), and two
# file: printers, "receipt" (80 mm) and "a4", whose PPD keeps the PDF, so tests read the output back.
start_cupsd() {
  local c=$WORKDIR/cups p
  mkdir -p "$c"/{run,spool,cache,state,log,tmp,out}
  # Filters run as cupsd's unprivileged user: they must reach the PPDs, the temp dir and the output files.
  chmod o+x "$WORKDIR"
  chmod 1777 "$c/tmp"
  cat >"$c/cups-files.conf" <<EOF
ServerRoot $c
RequestRoot $c/spool
TempDir $c/tmp
CacheDir $c/cache
StateDir $c/state
AccessLog $c/log/access_log
ErrorLog $c/log/error_log
PageLog $c/log/page_log
FileDevice Yes
EOF
  cat >"$c/cupsd.conf" <<EOF
Listen $c/run/cups.sock
Browsing No
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
  cupsd -f -c "$c/cupsd.conf" -s "$c/cups-files.conf" >"$c/log/cupsd.out" 2>&1 &
  STOP_PIDS+=($!)
  export CUPS_SERVER=$c/run/cups.sock YC_TEST_CUPS_OUT=$c/out
  wait_for 20 bash -c 'lpstat -r 2>/dev/null | grep -q "is running"' ||
    { cat "$c/log/error_log" "$c/log/cupsd.out" >&2 2>/dev/null; die "cupsd did not start"; }
  for p in receipt:X80mm a4:A4; do
    lpadmin -p "${p%%:*}" -E -v "file://$c/out/${p%%:*}.pdf" -P "$SRCDIR/tests/data/receipt-pdf.ppd" \
            -o "media=${p#*:}" 2>/dev/null || die "could not add the printer ${p%%:*} to cupsd"
  done
  log "cupsd at $CUPS_SERVER"
}

# Hook for the scanner tests: SANE's test backend only, no root and no /etc edits (RECIPES.md).
start_sane_test_backend() {
  mkdir -p "$WORKDIR/sane.d"
  echo test >"$WORKDIR/sane.d/dll.conf"
  cp /etc/sane.d/test.conf "$WORKDIR/sane.d/"
  export SANE_CONFIG_DIR=$WORKDIR/sane.d
  log "SANE test backend via $SANE_CONFIG_DIR"
}

# count_results LOG…: "passed failed skipped" from meson's JSON-lines test logs.
count_results() {
  python3 - "$@" <<'EOF'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding='utf-8').read().splitlines()
    except FileNotFoundError:
        continue
    for line in lines:
        if not line.strip():
            continue
        r = json.loads(line).get('result', '')
        if r in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        elif r == 'SKIP':
            skipped += 1
        else:
            failed += 1
print(passed, failed, skipped)
EOF
}

# ---- commands ----

# Xvfb, a session bus, cupsd and the SANE test backend in a scratch directory, all gone on exit.
start_services() {
  WORKDIR=$(mktemp -d "${TMPDIR:-/tmp}/yc-test.XXXXXX")
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  # GLib wants a private runtime dir (0700); a root shell in a container often has none.
  if [[ -z ${XDG_RUNTIME_DIR:-} || ! -d ${XDG_RUNTIME_DIR:-} ]]; then
    mkdir -m 0700 "$WORKDIR/runtime"
    export XDG_RUNTIME_DIR=$WORKDIR/runtime
  fi
  start_xvfb
  start_dbus
  start_cupsd
  start_sane_test_backend
}

cmd_run() {
  local pkgs=("${RUN_PACKAGES[@]}")
  if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} && ${YC_HEADLESS:-0} == 1 ]]; then
    pkgs+=("${HEADLESS_PACKAGES[@]}")
  fi
  ensure_packages "${pkgs[@]}"
  build
  meson install -C "$BUILDDIR" --quiet
  # GSettings schemas and translations are looked up under XDG_DATA_DIRS; _install/share comes first.
  export XDG_DATA_DIRS=$PREFIX/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}
  if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
    if [[ ${YC_HEADLESS:-0} != 1 ]]; then
      log "built and installed into $PREFIX, but there is no display (DISPLAY and WAYLAND_DISPLAY are unset)."
      log "Run this from a desktop session, or set YC_HEADLESS=1 for a smoke start under Xvfb."
      exit 1
    fi
    log "no display: smoke start under xvfb-run until the first frame"
    local out
    # The private bus has no accessibility bus; GTK_A11Y=none keeps GTK from warning about it.
    out=$(YC_BENCH_FIRST_FRAME=1 GTK_A11Y=none timeout 120 dbus-run-session -- \
            xvfb-run -a -s '-screen 0 1280x1024x24 -nolisten tcp' "$PREFIX/bin/yichuang" "$@")
    printf '%s\n' "$out"
    grep -qx 'first-frame' <<<"$out" || die "the app did not report its first frame"
    log "smoke start OK"
    return 0
  fi
  exec "$PREFIX/bin/yichuang" "$@"
}

cmd_test() {
  local rc=0 bench_rc=0 passed failed skipped
  ensure_packages "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
  if ! build; then
    log "the build failed; no test ran"
    echo "0 passed, 1 failed"
    return 1
  fi

  start_services

  rm -f "$BUILDDIR"/meson-logs/testlog.json "$BUILDDIR"/meson-logs/benchmarklog.json
  # shellcheck disable=SC2086  # YC_TEST_ARGS is a word list on purpose
  meson test -C "$BUILDDIR" --print-errorlogs --num-processes 2 ${YC_TEST_ARGS:-} || rc=$?
  meson test -C "$BUILDDIR" --benchmark -v --logbase benchmarklog || bench_rc=$?

  read -r passed failed skipped < <(count_results "$BUILDDIR"/meson-logs/testlog.json \
                                                  "$BUILDDIR"/meson-logs/benchmarklog.json)
  # meson failing without a failed test in the log (a build or setup error) still counts as a failure.
  if ((failed == 0 && (rc != 0 || bench_rc != 0))); then failed=1; fi
  if ((skipped > 0)); then echo "$skipped skipped"; fi
  echo "$passed passed, $failed failed"
  ((failed == 0))
}

# For developers (HACKING.md): CMD… inside the services the tests use, without installing or building;
# `dev.sh env meson test -C _build ui` reruns one suite, `dev.sh env bash` opens a shell there.
cmd_env() {
  (($# > 0)) || usage
  start_services
  "$@"
}

case ${1:-} in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  env) shift; cmd_env "$@" ;;
  *) usage ;;
esac
