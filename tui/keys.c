/* keys.c - the key table. One line per binding; the help screen lists the
 * lines that have a label (the mouse too, on lines of its own). */
#include "keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#define CTRL(c) ((c)&0x1f)

const KeyBinding key_table[] = {
    {'q', "q", ACT_QUIT, "close the top view; quit"},
    {CTRL('c'), "Ctrl-C", ACT_QUIT_NOW, "quit at once"},
    {'r', "r", ACT_REFRESH, "refresh now"},
    {'p', "p", ACT_PAUSE, "pause / resume refreshing"},
    {'\t', "Tab", ACT_NEXT_DASH, "next dashboard"},
    {KEY_BTAB, "Shift-Tab", ACT_PREV_DASH, "previous dashboard"},
    {'1', "1-9", ACT_GOTO_DASH, "go to dashboard N"},
    {KEY_LEFT, "Left h", ACT_LEFT, "focus panel to the left"},
    {'h', "", ACT_LEFT, ""},
    {KEY_RIGHT, "Right l", ACT_RIGHT, "focus panel to the right"},
    {'l', "", ACT_RIGHT, ""},
    {KEY_UP, "Up k", ACT_UP, "focus the panel above"},
    {'k', "", ACT_UP, ""},
    {KEY_DOWN, "Down j", ACT_DOWN, "focus the panel below"},
    {'j', "", ACT_DOWN, ""},
    {KEY_NPAGE, "PgDn PgUp", ACT_SCROLL_DOWN, "scroll rows that do not fit"},
    {KEY_PPAGE, "", ACT_SCROLL_UP, ""},
    {'\n', "Enter", ACT_ZOOM, "zoom; open/close a section"},
    {KEY_ENTER, "", ACT_ZOOM, ""},
    {'\r', "", ACT_ZOOM, ""},
    {27, "Esc", ACT_BACK, "leave zoom, inspect, help"},
    {KEY_HOME, "Home g", ACT_TOP, "first line (inspect)"},
    {'g', "", ACT_TOP, ""},
    {KEY_END, "End G", ACT_BOTTOM, "last line (inspect)"},
    {'G', "", ACT_BOTTOM, ""},
    {'i', "i", ACT_INSPECT, "inspect the panel's queries"},
    {'a', "a", ACT_ALERTS, "the alerts view"},
    {'s', "s", ACT_SILENCE, "silence it (alerts view)"},
    {'e', "e", ACT_EXPIRE, "expire a silence (alerts)"},
    {'y', "y", ACT_COPY, "copy the query or runbook"},
    {'Y', "Y", ACT_COPY_EXPR, "copy UI link or rule expr"},
    {'+', "+ -", ACT_WIDER, "widen / narrow time range"},
    {'=', "", ACT_WIDER, ""},
    {'-', "", ACT_NARROWER, ""},
    {'[', "[ ]", ACT_PAN_BACK, "pan back / forward by half"},
    {']', "", ACT_PAN_FORWARD, ""},
    {'0', "0", ACT_LIVE, "back to live time and range"},
    {'/', "/", ACT_FILTER, "filter the panel's series"},
    {'v', "v", ACT_VARS, "pick dashboard variables"},
    {'w', "w", ACT_CAPTURE, "write the screen to files"},
    {':', ":", ACT_EXPLORE, "command or PromQL prompt"},
    {CTRL('l'), "Ctrl-L", ACT_REDRAW, "redraw the screen"},
    {'?', "?", ACT_HELP, "show / hide this help"},
    {KEY_MOUSE, "click", ACT_MOUSE, "tab: switch; panel: focus"},
    {KEYS_NOKEY, " ", ACT_MOUSE, "section header: open/close"},
    {KEYS_NOKEY, "dbl-click", ACT_MOUSE, "zoom a panel / back"},
    {KEYS_NOKEY, "wheel", ACT_MOUSE, "up: narrower, down: wider"},
    {KEYS_NOKEY, "Shift-drag", ACT_MOUSE, "select text (most terms)"},
    {0, NULL, ACT_NONE, NULL},
};

Action keys_lookup(int key, int *arg)
{
    if (key >= '1' && key <= '9') {
        *arg = key - '1';
        return ACT_GOTO_DASH;
    }
    for (int i = 0; key_table[i].act != ACT_NONE; i++)
        if (key_table[i].key == key && key_table[i].act != ACT_GOTO_DASH)
            return key_table[i].act;
    return ACT_NONE;
}

/* The status line's hints, in the order shown: an action, its word, and
 * its rank (1 first to be given room; the keys come from the table's
 * label). Help and quit always show; then what a newcomer needs most:
 * Enter, the ':' prompt, the variables. */
static const struct {
    Action act;
    const char *word;
    int rank;
} hints[] = {
    {ACT_ZOOM, "zoom", 3},     {ACT_INSPECT, "inspect", 6},
    {ACT_ALERTS, "alerts", 7}, {ACT_EXPLORE, "query", 4},
    {ACT_VARS, "vars", 5},     {ACT_WIDER, "range", 8},
    {ACT_PAN_BACK, "pan", 9},  {ACT_FILTER, "filter", 10},
    {ACT_HELP, "help", 1},     {ACT_QUIT, "quit", 2},
};
#define HINTS_ALWAYS 2 /* ranks shown whatever the width */
#define HINTS_RANKS 10

/* " KEYS WORD " of hint h into buf (n bytes); its length, 0 when the key
 * table has no label for it. */
static size_t hint_text(size_t h, char *buf, size_t n)
{
    const char *label = NULL;
    for (int i = 0; key_table[i].act != ACT_NONE && !label; i++)
        if (key_table[i].act == hints[h].act && key_table[i].label[0])
            label = key_table[i].label;
    if (!label)
        return 0;
    char keys[32];
    snprintf(keys, sizeof keys, "%s", label);
    for (char *c = keys; *c; c++)
        if (*c == ' ')
            *c = '/'; /* "+ -" reads "+/-" */
    int k = snprintf(buf, n, " %s %s ", keys, hints[h].word);
    return k < 0 ? 0 : (size_t)k;
}

char *keys_hints(int width, int vars, char *buf, size_t n)
{
    enum { NH = sizeof hints / sizeof hints[0] };
    char one[64];
    size_t len[NH];
    for (size_t h = 0; h < NH; h++)
        len[h] = hints[h].act == ACT_VARS && !vars
                     ? 0
                     : hint_text(h, one, sizeof one);
    /* the ranks that fit, best first; a rank that does not fit ends it */
    int upto = HINTS_ALWAYS;
    size_t used = 0;
    for (size_t h = 0; h < NH; h++)
        if (hints[h].rank <= HINTS_ALWAYS)
            used += len[h];
    for (int r = HINTS_ALWAYS + 1; r <= HINTS_RANKS; r++) {
        size_t add = 0;
        for (size_t h = 0; h < NH; h++)
            if (hints[h].rank == r)
                add += len[h];
        if (width < 0 || used + add > (size_t)width)
            break;
        used += add;
        upto = r;
    }
    size_t at = 0;
    if (n == 0)
        return buf;
    buf[0] = 0;
    for (size_t h = 0; h < NH; h++) {
        if (!len[h] || hints[h].rank > upto)
            continue;
        if (at + len[h] >= n)
            break; /* whole hints only */
        hint_text(h, buf + at, n - at);
        at += len[h];
    }
    return buf;
}
