#!/usr/bin/env bash
# Takes the README's screenshots of every view at 1440x900: starts the workbench with --demo on a
# scratch database under Xvfb, drives it with the keyboard as a user would (xdotool), and saves
# one PNG per view here. Needs: xvfb xdotool imagemagick libgtk-3-0, and the jar
# (mvn -B -ntp package -DskipTests). Usage: bash docs/screenshots/take.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=docs/screenshots
work=$(mktemp -d)
display=:97
port=8197
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$app" "$xvfb" 2>/dev/null || true; rm -rf "$work"' EXIT
export DISPLAY=$display
sleep 1
java -Djava.util.prefs.userRoot="$work/prefs" -jar target/timetravel.jar --demo --db "$work/db.sqlite" --port "$port" \
    --logs "$work/logs" >"$work/out.log" 2>&1 &
app=$!

key() { xdotool key --clearmodifiers "$@"; sleep "${pause:-1.5}"; }
shot() { import -window root -crop 1440x900+80+50 +repage "$out/$1.png"; echo "saved $out/$1.png"; }
api() { curl -s -H 'X-User-ID: 101' "http://127.0.0.1:$port$1"; }

xdotool search --sync --onlyvisible --name "Timetravel Workbench" >/dev/null
sleep 0.5
# Who is at the desk: user 101 has every role in the sample data.
until xdotool search --onlyvisible --name "Who is at the desk" >/dev/null 2>&1; do sleep 0.5; done
sleep 0.5
xdotool type 101
key Return
# The sample data loads in the open window: 200 records.
until api '/api/v2/records?limit=1' | grep -q '"total":200'; do sleep 2; done
sleep 5
# Some traffic for the dashboard's charts, in the background while the other views are taken.
( for i in $(seq 1 600); do api /api/v2/records/1001 >/dev/null; api /api/v1/records/1002 >/dev/null; sleep 0.1; done ) &
traffic=$!

key ctrl+1
shot records
# Open record 1001 from the search box: Ctrl+F, its id, Enter.
key ctrl+f
xdotool type 1001
pause=3 key Return
shot timeline
key ctrl+d
shot diff
key ctrl+h
shot history
key ctrl+e
shot edit
key Escape
key ctrl+r
shot restore
key Escape
key ctrl+2
# An entry selected: its old and new values and hashes beside the list.
key ctrl+f
xdotool type 1001
key Return
key Tab Tab Tab Tab Tab Tab Tab Tab Down
shot audit
key ctrl+3
shot flags
key ctrl+4
shot snapshots
# The dashboard samples while it is in front: give it most of a minute of the traffic above.
key ctrl+5
sleep 45
shot dashboard
key ctrl+6
shot access
kill "$traffic" 2>/dev/null || true
