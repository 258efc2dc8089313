/* keys.c - the key table. One line per binding; the help screen lists the
 * lines that have a label (the mouse too, on lines of its own). */
#include "keys.h"

#include <curses.h>

#define CTRL(c) ((c)&0x1f)

const KeyBinding key_table[] = {
    {'q', "q", ACT_QUIT, "quit"},
    {CTRL('c'), "", ACT_QUIT, ""},
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
    {'\n', "Enter", ACT_ZOOM, "zoom the focused panel"},
    {KEY_ENTER, "", ACT_ZOOM, ""},
    {'\r', "", ACT_ZOOM, ""},
    {27, "Esc", ACT_BACK, "leave zoom, inspect, help"},
    {'i', "i", ACT_INSPECT, "inspect the panel's queries"},
    {'+', "+ -", ACT_WIDER, "widen / narrow time range"},
    {'=', "", ACT_WIDER, ""},
    {'-', "", ACT_NARROWER, ""},
    {'[', "[ ]", ACT_PAN_BACK, "pan back / forward by half"},
    {']', "", ACT_PAN_FORWARD, ""},
    {'0', "0", ACT_LIVE, "back to live time and range"},
    {'/', "/", ACT_FILTER, "filter the panel's series"},
    {'v', "v", ACT_VARS, "pick dashboard variables"},
    {':', ":", ACT_EXPLORE, "PromQL prompt (Query tab)"},
    {CTRL('l'), "Ctrl-L", ACT_REDRAW, "redraw the screen"},
    {'?', "?", ACT_HELP, "show / hide this help"},
    {KEY_MOUSE, "click", ACT_MOUSE, "tab: switch; panel: focus"},
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
