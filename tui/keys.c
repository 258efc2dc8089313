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

/* The status line's hints: an action, its word, and the tier from which it
 * shows (the keys come from the table's label). */
static const struct {
    Action act;
    const char *word;
    int tier;
} hints[] = {
    {ACT_ZOOM, "zoom", 2},     {ACT_INSPECT, "inspect", 2},
    {ACT_ALERTS, "alerts", 2}, {ACT_EXPLORE, "query", 2},
    {ACT_VARS, "vars", 2},     {ACT_WIDER, "range", 3},
    {ACT_PAN_BACK, "pan", 3},  {ACT_FILTER, "filter", 3},
    {ACT_HELP, "help", 1},     {ACT_QUIT, "quit", 1},
};

char *keys_hints(int tier, int vars, char *buf, size_t n)
{
    size_t len = 0;
    if (n == 0)
        return buf;
    buf[0] = 0;
    for (size_t h = 0; h < sizeof hints / sizeof hints[0]; h++) {
        if (hints[h].tier > tier || (hints[h].act == ACT_VARS && !vars))
            continue;
        const char *label = NULL;
        for (int i = 0; key_table[i].act != ACT_NONE && !label; i++)
            if (key_table[i].act == hints[h].act && key_table[i].label[0])
                label = key_table[i].label;
        if (!label)
            continue;
        char keys[32];
        snprintf(keys, sizeof keys, "%s", label);
        for (char *c = keys; *c; c++)
            if (*c == ' ')
                *c = '/'; /* "+ -" reads "+/-" */
        int k = snprintf(buf + len, n - len, " %s %s ", keys, hints[h].word);
        if (k < 0 || (size_t)k >= n - len) {
            buf[len] = 0;
            break;
        }
        len += (size_t)k;
    }
    return buf;
}
