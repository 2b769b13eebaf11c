#!/usr/bin/env bash
# Drive the installed console as a person would, in tmux: start the landslide exercise,
# begin it, answer the first press question, quit, then read the session back.
#
#   scripts/tmux-demo.sh [SESSION_FILE]
#
# Needs tmux and an installed crisis-sim (README). Prints the screens it saw.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cli=${CRISIS_SIM:-$here/.venv/bin/crisis-sim}
session=${1:-$(mktemp -d)/demo.sqlite}
name=crisis-demo-$$
tmux kill-session -t "$name" 2>/dev/null || true

screen() { tmux capture-pane -p -t "$name"; }
# Wait (up to 60 s, checking five times a second) until the screen shows a text.
wait_for() {
  for _ in $(seq 1 300); do
    if screen | grep -q -- "$1"; then return 0; fi
    sleep 0.2
  done
  echo "timed out waiting for: $1" >&2; screen >&2; exit 1
}

tmux new-session -d -s "$name" -x 120 -y 36 \
  "$cli run jordras --speed 20 --session '$session'; echo EXITED; sleep 60"
trap 'tmux kill-session -t "$name" 2>/dev/null || true' EXIT

wait_for "Trykk Enter"
echo "== briefing"; screen | head -20
tmux send-keys -t "$name" "Demo" Enter
wait_for "Strøm"
tmux send-keys -t "$name" "2"                          # the press inbox
wait_for "Lierfjell Avis"                              # the first press question (T+03:00)
echo "== press inbox"; screen | head -12
tmux send-keys -t "$name" "r"
wait_for "Svar til"
tmux send-keys -t "$name" "Kommunen har satt kriseledelse. Brattlia er evakuert, publikumstelefon 33 90 40 00." Enter
wait_for "oss\]"                                       # our reply in the list
echo "== answered"; screen | head -12
tmux send-keys -t "$name" "q"
wait_for "Avslutte"
tmux send-keys -t "$name" "j"
wait_for "EXITED"
echo "== after quitting"; screen | grep -v '^\s*$' | tail -5

echo "== the session, read back"
"$cli" export "$session" | grep -E '"type": "(action|expectation)"' | cut -c1-200
if "$cli" score --help >/dev/null 2>&1; then "$cli" score "$session"; fi
