#!/bin/bash
# check-potfiles.sh SRCDIR: po/POTFILES.in lists exactly the files with translatable strings, so none is lost.
#
# Asks xgettext itself (with meson's glib preset) which C sources and GtkBuilder templates under app/, ui/
# and resources/ hold messages, and compares that with po/POTFILES.in; entries that no longer exist fail too.
set -euo pipefail

cd "${1:-$(dirname "$0")/..}"
export LC_ALL=C.UTF-8   # our msgids use typographic quotes; a C locale would garble them

# meson's i18n 'glib' preset: the keywords gettext must know for our sources.
# shellcheck disable=SC2054  # the commas belong to xgettext keyword specs
xgettext_args=(
  --from-code=UTF-8 --omit-header --output=-
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3
)

listed=$(grep -v '^\s*\(#\|$\)' po/POTFILES.in | sed 's/\s*$//' | sort -u)
status=0

while IFS= read -r f; do
  if [[ ! -f $f ]]; then
    echo "po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done <<<"$listed"

while IFS= read -r f; do
  # xgettext warns about every non-ASCII msgid; only its verdict matters here.
  if ! messages=$(xgettext "${xgettext_args[@]}" "$f" 2>/dev/null); then
    echo "xgettext cannot read $f"
    status=1
  elif [[ -n $messages ]] && ! grep -qxF "$f" <<<"$listed"; then
    echo "$f has translatable strings but is missing from po/POTFILES.in"
    status=1
  fi
done < <(find app ui resources -type f \( -name '*.c' -o -name '*.ui' \) | sort)

if ((status == 0)); then
  echo "po/POTFILES.in is complete ($(wc -l <<<"$listed") files)"
fi
exit "$status"
