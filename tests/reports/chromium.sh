#!/bin/sh
# Every HTML output of report renewal, report budget and export procurement
# must render as a readable page in headless Chromium. One run per output
# (Chromium's headless mode does the three in one load) checks that:
# - the rendered DOM (--dump-dom) has no script element, the report's h1, every
#   plan and cost center and the money total of the same report's JSON and CSV
#   (tests/tools/domcheck.py);
# - a 1280x2000 screenshot is a PNG that is not blank: several colours and a
#   share of pixels that are not white (tests/tools/pngcheck.py);
# - printing gives a PDF (%PDF- ... %%EOF) of at least one page with embedded
#   fonts and a non-trivial size.
# The browser is $CHROMIUM, else chromium or chromium-browser from PATH.
# Skipped (exit 77) without it (the apt package chromium), or when it cannot
# start headless here at all.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
prog=$(cd "$top_builddir" && pwd)/commitplan
src=$(cd "$srcdir" && pwd)
browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
    for b in chromium chromium-browser; do
        command -v "$b" > /dev/null && { browser=$b; break; }
    done
fi
{ [ -n "$browser" ] && command -v "$browser" > /dev/null; } ||
    { echo "SKIP: chromium is not installed (apt install chromium)"; exit 77; }
command -v python3 > /dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
. "$src/tests/reports/lib.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpchromium.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/profile" "$tmp/out" || exit 1

# render FILE OUT: DOM to OUT.dom, screenshot to OUT.png, PDF to OUT.pdf,
# messages to OUT.err. One profile for every run, runs one after another.
render() {
    timeout -k 5 60 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --user-data-dir="$tmp/profile" --no-first-run --hide-scrollbars --no-pdf-header-footer \
        --window-size=1280,2000 --dump-dom --screenshot="$2.png" --print-to-pdf="$2.pdf" \
        "$1" > "$2.dom" 2> "$2.err"
}

# A browser that cannot even show an empty page is the machine's problem (no
# usable sandbox, missing libraries), not the reports'.
printf '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>x</title></head><body></body></html>\n' > "$tmp/blank.htm"
if ! render "$tmp/blank.htm" "$tmp/blank" || ! grep -q '<body>' "$tmp/blank.dom"; then
    echo "SKIP: $browser cannot render a page headless here:"
    grep -v -i 'dbus\|unexpected operator' "$tmp/blank.err" | tail -5
    exit 77
fi
"$browser" --version 2> /dev/null

fail=0
reports_generate "$tmp" html json csv
[ "$reports_failed" = 0 ] || fail=1
n=0
for f in "$tmp"/*.html; do
    n=$((n + 1))
    name=$(basename "$f" .html)
    out=$tmp/out/$name
    render "$f" "$out"
    st=$?
    if [ "$st" != 0 ]; then
        echo "FAIL $name: $browser exit status $st"; grep -v -i 'dbus' "$out.err" | tail -5; fail=1
        continue
    fi
    python3 "$src/tests/tools/domcheck.py" "$out.dom" "$tmp/$name.json" "$tmp/$name.csv" ||
        { echo "FAIL $name: the rendered DOM"; fail=1; }
    [ -s "$out.png" ] || { echo "FAIL $name: no screenshot"; fail=1; }
    if [ ! -s "$out.pdf" ]; then
        echo "FAIL $name: no PDF"; fail=1
    else
        size=$(wc -c < "$out.pdf")
        [ "$(head -c 5 "$out.pdf")" = "%PDF-" ] || { echo "FAIL $name: the PDF does not start with %PDF-"; fail=1; }
        tail -c 64 "$out.pdf" | grep -a -q '%%EOF' || { echo "FAIL $name: the PDF does not end with %%EOF"; fail=1; }
        pages=$(grep -a -E -c '/Type ?/Page([^s]|$)' "$out.pdf")
        [ "$pages" -ge 1 ] || { echo "FAIL $name: the PDF has no page"; fail=1; }
        grep -a -q '/FontFile' "$out.pdf" || { echo "FAIL $name: the PDF embeds no font (no text printed)"; fail=1; }
        [ "$size" -ge 10000 ] || { echo "FAIL $name: the PDF is only $size bytes"; fail=1; }
        echo "$name: PDF of $pages page(s), $size bytes"
    fi
done
[ "$n" -ge 10 ] || { echo "FAIL: only $n HTML outputs"; fail=1; }
# one Python process for every screenshot
if ls "$tmp"/out/*.png > /dev/null 2>&1; then
    python3 "$src/tests/tools/pngcheck.py" --size 1280x2000 "$tmp"/out/*.png > "$tmp/png.out" 2>&1 ||
        { echo "FAIL: a screenshot is blank or unreadable"; fail=1; }
    sed "s|$tmp/out/||" "$tmp/png.out"
fi

# the checks must fail on what a broken page would give: a blank screenshot,
# and a DOM without the report's content or with a script
python3 "$src/tests/tools/pngcheck.py" "$tmp/blank.png" > /dev/null 2>&1 &&
    { echo "FAIL: pngcheck.py accepted the screenshot of an empty page"; fail=1; }
python3 "$src/tests/tools/domcheck.py" "$tmp/blank.dom" "$tmp/renewal-fleet.json" "$tmp/renewal-fleet.csv" \
    2> /dev/null && { echo "FAIL: domcheck.py accepted an empty page"; fail=1; }
if [ -f "$tmp/out/renewal-fleet.dom" ]; then
    sed 's|</body>|<script>document.title="x"</script></body>|' "$tmp/out/renewal-fleet.dom" > "$tmp/script.dom"
    python3 "$src/tests/tools/domcheck.py" "$tmp/script.dom" "$tmp/renewal-fleet.json" "$tmp/renewal-fleet.csv" \
        2> /dev/null && { echo "FAIL: domcheck.py accepted a script element"; fail=1; }
fi
[ "$fail" = 0 ] && echo "ok: $n HTML outputs render in headless Chromium (DOM, screenshot, PDF)"
exit "$fail"
