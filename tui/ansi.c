/* ansi.c - the --once text frame with colours: each cell's role and
 * attributes become SGR sequences through the theme, so the printed frame
 * and the TUI come from the same cells and the same theme. */
#include "ansi.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int ansi_depth_from_env(void)
{
    const char *nc = getenv("NO_COLOR");
    if (nc && *nc)
        return THEME_DEPTH_NONE;
    const char *ct = getenv("COLORTERM");
    if (ct && (!strcmp(ct, "truecolor") || !strcmp(ct, "24bit")))
        return THEME_DEPTH_RGB;
    return THEME_DEPTH_256;
}

int ansi_wanted(const char *when, FILE *f)
{
    if (!strcmp(when, "always"))
        return 1;
    if (!strcmp(when, "never"))
        return 0;
    if (strcmp(when, "auto"))
        return -1;
    const char *nc = getenv("NO_COLOR");
    return isatty(fileno(f)) && !(nc && *nc);
}

/* 1 when a blank of this style shows something (a background, reverse or
 * underline), so it must not be cut at the end of a line. */
static int blank_visible(const RoleStyle *st, int depth, int extra)
{
    int ta = theme_role_attrs(st, depth) | extra;
    if (ta & (TA_REVERSE | TA_UNDERLINE))
        return 1;
    return depth &&
           (st->bg8 >= 0 || st->bg256 >= 0 || st->rgb_bg != THEME_NORGB);
}

static int put_utf8(uint32_t ch, FILE *out)
{
    char b[4];
    int n = canvas_utf8_encode(ch, b);
    return fwrite(b, 1, (size_t)n, out) == (size_t)n ? 0 : -1;
}

int ansi_write(const Canvas *c, const Theme *t, int depth, FILE *out)
{
    int rc = 0;
    for (int y = 0; y < c->h && rc == 0; y++) {
        const Cell *row = &c->cells[(size_t)y * (size_t)c->w];
        int end = c->w; /* cells after `end` are blanks that show nothing */
        while (end > 0) {
            const Cell *cl = &row[end - 1];
            int role = cl->role < ROLE_COUNT ? cl->role : 0;
            if ((cl->ch != ' ' && cl->ch != 0) ||
                blank_visible(&t->roles[role], depth, cl->attrs))
                break;
            end--;
        }
        int cur_role = -1, cur_attrs = -1;
        for (int x = 0; x < end && rc == 0; x++) {
            const Cell *cl = &row[x];
            if (cl->ch == 0)
                continue; /* right half of a wide character */
            int role = cl->role < ROLE_COUNT ? cl->role : 0, ta;
            uint32_t ch;
            canvas_cell_look(
                cl, theme_role_attrs(&t->roles[role], depth) | cl->attrs, &ch,
                &ta);
            if (role != cur_role || ta != cur_attrs) {
                char sgr[96];
                theme_sgr(&t->roles[role], depth, ta, sgr, sizeof sgr);
                if (fputs(sgr, out) < 0)
                    rc = -1;
                cur_role = role;
                cur_attrs = ta;
            }
            if (rc == 0)
                rc = put_utf8(ch, out);
        }
        if (rc == 0 && fputs(cur_role >= 0 ? "\033[0m\n" : "\n", out) < 0)
            rc = -1;
    }
    return rc;
}
