# t_14_picker.sh - the variable picker ('v') with several values and a text
# box: Space marks values, Enter applies them all (as a regex alternation
# in the query), typing edits a text box and Backspace erases.
# Sourced by run.sh, which provides $BIN, $URL, $WORK and the tui_* helpers.

cat > "$WORK/picker.yaml" <<'YAML'
title: Picker
variables:
  - {name: job, values: [alpha, beta, gamma], multi: true, all: true, value: alpha}
  - {name: note, kind: textbox, value: hi}
rows:
  - panels:
      - title: Chosen
        kind: table
        by: [j, n]
        queries:
          - expr: label_replace(label_replace(vector(1), "j", "$job", "", ""), "n", "$note", "", "")
YAML
P=picker
tui_start "$P" --url "$URL" "$WORK/picker.yaml"
if tui_wait "$P" "alpha"; then
    tmux -L "$TMUX_SOCK" send-keys -t "$P" v
    tui_wait "$P" "1 chosen"
    tmux -L "$TMUX_SOCK" send-keys -t "$P" Right Right Space
    if tui_wait "$P" "\[x\] gamma >  2 chosen"; then
        tmux -L "$TMUX_SOCK" send-keys -t "$P" Enter
        tui_wait "$P" "alpha|gamma  hi " && ok "picker: Space marks a second value, Enter asks for both" ||
            { ko "picker: several values not applied"; cat "$WORK/$P.screen"; }
    else
        ko "picker: no mark"; cat "$WORK/$P.screen"
    fi
    tmux -L "$TMUX_SOCK" send-keys -t "$P" v Down x y q BSpace Enter
    tui_wait "$P" "hixy " && ok "picker: a text box typed into (q and Backspace included)" ||
        { ko "picker: text box"; cat "$WORK/$P.screen"; }
else
    ko "picker dashboard did not show"; cat "$WORK/$P.screen"
fi
tmux -L "$TMUX_SOCK" send-keys -t "$P" q
tui_exit "$P" && ok "picker: exits 0" || { ko "picker exit"; cat "$WORK/$P.err"; }
