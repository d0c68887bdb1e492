# Shared by the tests of tests/reports: runs every report in every format it
# supports on several inventories and as-of dates, into a folder.
# Sourced; needs $prog and $src. Sets $reports_failed when a run exits badly.

# The scenarios: a name, then the arguments before --format.
reports_scenarios() {
    fleet=$src/examples/fleet.json
    mistakes=$src/examples/mistakes.json
    tricky=$src/tests/data/reports/tricky.json
    controls=$src/tests/data/reports/controls.json
    cat <<SCEN
renewal-fleet|report renewal --as-of 2026-12-03 $fleet
renewal-fleet-overdue|report renewal --as-of 2026-12-28 $fleet
renewal-fleet-2027|report renewal --year 2027 --as-of 2026-06-15 $fleet
renewal-fleet-de|report renewal --locale de_DE --as-of 2026-12-03 $fleet
renewal-mistakes|report renewal --as-of 2026-12-03 $mistakes
renewal-tricky|report renewal --as-of 2024-12-01 $tricky
budget-fleet|report budget --as-of 2026-12-03 $fleet
budget-fleet-5|report budget --years 5 --as-of 2026-06-15 $fleet
budget-mistakes|report budget --as-of 2026-12-03 $mistakes
budget-tricky|report budget --years 4 --as-of 2024-12-01 $tricky
procurement-fleet|export procurement --as-of 2026-12-03 $fleet
procurement-fleet-2026|export procurement --year 2026 --as-of 2026-12-03 $fleet
procurement-mistakes|export procurement --as-of 2026-12-03 $mistakes
procurement-tricky|export procurement --year 2024 --as-of 2024-12-01 $tricky
procurement-tricky-2025|export procurement --as-of 2024-12-01 $tricky
renewal-controls|report renewal --as-of 2026-12-03 $controls
budget-controls|report budget --as-of 2026-12-03 $controls
procurement-controls|export procurement --as-of 2026-12-03 $controls
SCEN
}

# reports_generate DIR FORMAT...: writes DIR/<scenario>.<format> for each
# scenario whose command supports the format.
reports_generate() {
    dir=$1
    shift
    reports_failed=0
    reports_scenarios | while IFS='|' read -r name args; do
        for fmt in "$@"; do
            case "$name:$fmt" in procurement-*:text) continue ;; esac
            # shellcheck disable=SC2086
            TZ=UTC LC_ALL=C NO_COLOR=1 "$prog" $args --format "$fmt" > "$dir/$name.$fmt" \
                2> "$dir/$name.$fmt.err"
            st=$?
            if [ "$st" != 0 ]; then
                echo "FAIL $name --format $fmt: exit status $st"
                cat "$dir/$name.$fmt.err"
                echo fail >> "$dir/.failed"
            fi
        done
    done
    [ -f "$dir/.failed" ] && reports_failed=1
    return 0
}
