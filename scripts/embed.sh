#!/bin/sh
# embed.sh - writes a C file holding the bundled dashboard YAML files as
# strings, in the order given, for layouts_bundled[].
set -eu
echo '/* Generated from the bundled layouts by scripts/embed.sh; do not edit. */'
echo '#include "layouts/layout.h"'
echo 'const BundledLayout layouts_bundled[] = {'
for f in "$@"; do
    base=$(basename "$f")
    name=${base%.yaml}
    size=$(wc -c < "$f" | tr -d ' ')
    printf '    {"%s", "%s",\n' "$name" "$base"
    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/^/     "/' -e 's/$/\\n"/' "$f"
    printf '     , %s},\n' "$size"
done
echo '    {NULL, NULL, NULL, 0},'
echo '};'
