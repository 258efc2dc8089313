/* theme.c - the built-in themes (dark, the default; light; high-contrast;
 * mono), colour names and conversions between 16-colour, 256-colour and RGB
 * forms, and the SGR sequence of a role. Each role gives colours for 8/16
 * colours (fg8/bg8), 256 colours and truecolour, and attributes for when
 * there is no colour at all. User theme files are read by usertheme.c. */
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const role_names[] = {
#define THEME_NAME(id, name) name,
    THEME_ROLES(THEME_NAME)
#undef THEME_NAME
};

const char *theme_role_name(Role r)
{
    if ((int)r < 0 || r >= ROLE_COUNT)
        return "?";
    return role_names[r];
}

int theme_role_find(const char *name)
{
    for (int r = 0; name && r < ROLE_COUNT; r++)
        if (!strcmp(role_names[r], name))
            return r;
    return -1;
}

Role theme_series_role(int i)
{
    if (i < 0)
        i = -i;
    return (Role)(ROLE_SERIES1 + i % ROLE_SERIES_COUNT);
}

#define NORGB THEME_NORGB
/* fg8, bg8, fg256, bg256, rgb fg, rgb bg, attrs, mono_attrs */
#define S(f8, f256, rgb, a, m)                                                 \
    {                                                                          \
        f8, -1, f256, -1, rgb, NORGB, a, m                                     \
    }

static const Theme theme_dark = {
    "dark",
    {
        [ROLE_DEFAULT] = S(-1, -1, NORGB, 0, 0),
        [ROLE_BORDER] = S(8, 240, 0x585858, 0, TA_DIM),
        [ROLE_BORDER_FOCUS] = S(14, 45, 0x00d7ff, TA_BOLD, TA_BOLD),
        [ROLE_TITLE] = S(15, 252, 0xd0d0d0, TA_BOLD, TA_BOLD),
        [ROLE_TITLE_FOCUS] =
            S(14, 45, 0x00d7ff, TA_BOLD, TA_BOLD | TA_UNDERLINE),
        [ROLE_DIM] = S(8, 244, 0x808080, 0, TA_DIM),
        [ROLE_VALUE] = S(15, 255, 0xeeeeee, TA_BOLD, TA_BOLD),
        [ROLE_AXIS] = S(8, 245, 0x8a8a8a, 0, TA_DIM),
        [ROLE_OK] = S(10, 78, 0x5fd787, 0, 0),
        [ROLE_WARN] = S(11, 220, 0xffd700, TA_BOLD, TA_BOLD | TA_UNDERLINE),
        [ROLE_CRIT] = S(9, 203, 0xff5f5f, TA_BOLD, TA_BOLD | TA_REVERSE),
        [ROLE_STALE] = S(11, 214, 0xffaf00, 0, TA_UNDERLINE),
        [ROLE_ERROR] = S(9, 203, 0xff5f5f, TA_BOLD, TA_BOLD),
        [ROLE_TAB] = S(7, 250, 0xbcbcbc, 0, 0),
        [ROLE_TAB_ACTIVE] = {0, 14, 16, 45, 0x000000, 0x00d7ff, TA_BOLD,
                             TA_REVERSE | TA_BOLD},
        [ROLE_STATUS] = S(7, 246, 0x949494, 0, 0),
        [ROLE_THRESHOLD] = S(9, 167, 0xd75f5f, 0, TA_DIM),
        [ROLE_SERIES1] = S(12, 75, 0x5fafff, 0, 0),
        [ROLE_SERIES2] = S(10, 114, 0x87d787, 0, 0),
        [ROLE_SERIES3] = S(11, 221, 0xffd75f, 0, 0),
        [ROLE_SERIES4] = S(13, 176, 0xd787d7, 0, 0),
        [ROLE_SERIES5] = S(14, 80, 0x5fd7d7, 0, 0),
        [ROLE_SERIES6] = S(9, 210, 0xff8787, 0, 0),
        [ROLE_SERIES7] = S(15, 253, 0xdadada, 0, 0),
        [ROLE_SERIES8] = S(3, 172, 0xd78700, 0, 0),
        [ROLE_HEAT0] = S(8, 236, 0x303030, 0, TA_DIM),
        [ROLE_HEAT1] = S(4, 24, 0x005f87, 0, 0),
        [ROLE_HEAT2] = S(6, 37, 0x00afaf, 0, 0),
        [ROLE_HEAT3] = S(2, 113, 0x87d75f, 0, 0),
        [ROLE_HEAT4] = S(3, 214, 0xffaf00, 0, TA_BOLD),
        [ROLE_HEAT5] = S(1, 196, 0xff0000, TA_BOLD, TA_BOLD),
    },
};

/* For light backgrounds: dark text on the terminal's own background; no
 * yellow (unreadable on white): warnings are orange, or magenta with 16
 * colours. */
static const Theme theme_light = {
    "light",
    {
        [ROLE_DEFAULT] = S(-1, -1, NORGB, 0, 0),
        [ROLE_BORDER] = S(8, 246, 0x949494, 0, TA_DIM),
        [ROLE_BORDER_FOCUS] = S(4, 25, 0x005faf, TA_BOLD, TA_BOLD),
        [ROLE_TITLE] = S(0, 235, 0x262626, TA_BOLD, TA_BOLD),
        [ROLE_TITLE_FOCUS] =
            S(4, 25, 0x005faf, TA_BOLD, TA_BOLD | TA_UNDERLINE),
        [ROLE_DIM] = S(8, 243, 0x767676, 0, TA_DIM),
        [ROLE_VALUE] = S(0, 232, 0x080808, TA_BOLD, TA_BOLD),
        [ROLE_AXIS] = S(8, 242, 0x6c6c6c, 0, TA_DIM),
        [ROLE_OK] = S(2, 28, 0x008700, 0, 0),
        [ROLE_WARN] = S(5, 130, 0xaf5f00, TA_BOLD, TA_BOLD | TA_UNDERLINE),
        [ROLE_CRIT] = S(1, 160, 0xd70000, TA_BOLD, TA_BOLD | TA_REVERSE),
        [ROLE_STALE] = S(5, 94, 0x875f00, 0, TA_UNDERLINE),
        [ROLE_ERROR] = S(1, 160, 0xd70000, TA_BOLD, TA_BOLD),
        [ROLE_TAB] = S(0, 238, 0x444444, 0, 0),
        [ROLE_TAB_ACTIVE] = {7, 4, 231, 25, 0xffffff, 0x005faf, TA_BOLD,
                             TA_REVERSE | TA_BOLD},
        [ROLE_STATUS] = S(0, 240, 0x585858, 0, 0),
        [ROLE_THRESHOLD] = S(1, 124, 0xaf0000, 0, TA_DIM),
        [ROLE_SERIES1] = S(4, 25, 0x005faf, 0, 0),
        [ROLE_SERIES2] = S(2, 28, 0x008700, 0, 0),
        [ROLE_SERIES3] = S(5, 130, 0xaf5f00, 0, 0),
        [ROLE_SERIES4] = S(5, 90, 0x870087, 0, 0),
        [ROLE_SERIES5] = S(6, 30, 0x008787, 0, 0),
        [ROLE_SERIES6] = S(1, 160, 0xd70000, 0, 0),
        [ROLE_SERIES7] = S(0, 238, 0x444444, 0, 0),
        [ROLE_SERIES8] = S(3, 94, 0x875f00, 0, 0),
        [ROLE_HEAT0] = S(7, 250, 0xbcbcbc, 0, TA_DIM),
        [ROLE_HEAT1] = S(6, 74, 0x5fafd7, 0, 0),
        [ROLE_HEAT2] = S(4, 31, 0x0087af, 0, 0),
        [ROLE_HEAT3] = S(2, 64, 0x5f8700, 0, 0),
        [ROLE_HEAT4] = S(5, 166, 0xd75f00, 0, TA_BOLD),
        [ROLE_HEAT5] = S(1, 160, 0xd70000, TA_BOLD, TA_BOLD),
    },
};

/* For wall screens: saturated colours, bold, on black everywhere. */
#define H(f8, f256, rgb, a, m)                                                 \
    {                                                                          \
        f8, 0, f256, 16, rgb, 0x000000, a, m                                   \
    }
static const Theme theme_high_contrast = {
    "high-contrast",
    {
        [ROLE_DEFAULT] = H(15, 231, 0xffffff, 0, 0),
        [ROLE_BORDER] = H(15, 231, 0xffffff, 0, 0),
        [ROLE_BORDER_FOCUS] = H(11, 226, 0xffff00, TA_BOLD, TA_BOLD),
        [ROLE_TITLE] = H(15, 231, 0xffffff, TA_BOLD, TA_BOLD),
        [ROLE_TITLE_FOCUS] =
            H(11, 226, 0xffff00, TA_BOLD, TA_BOLD | TA_UNDERLINE),
        [ROLE_DIM] = H(7, 250, 0xbcbcbc, 0, 0),
        [ROLE_VALUE] = H(15, 231, 0xffffff, TA_BOLD, TA_BOLD),
        [ROLE_AXIS] = H(7, 252, 0xd0d0d0, 0, 0),
        [ROLE_OK] = H(10, 46, 0x00ff00, TA_BOLD, TA_BOLD),
        [ROLE_WARN] = H(11, 226, 0xffff00, TA_BOLD, TA_BOLD | TA_UNDERLINE),
        [ROLE_CRIT] =
            H(9, 196, 0xff0000, TA_BOLD | TA_REVERSE, TA_BOLD | TA_REVERSE),
        [ROLE_STALE] = H(13, 201, 0xff00ff, TA_BOLD, TA_BOLD | TA_UNDERLINE),
        [ROLE_ERROR] = H(9, 196, 0xff0000, TA_BOLD, TA_BOLD),
        [ROLE_TAB] = H(15, 231, 0xffffff, TA_BOLD, TA_BOLD),
        [ROLE_TAB_ACTIVE] = {0, 11, 16, 226, 0x080808, 0xffff00, TA_BOLD,
                             TA_REVERSE | TA_BOLD},
        [ROLE_STATUS] = H(15, 231, 0xffffff, TA_BOLD, TA_BOLD),
        [ROLE_THRESHOLD] = H(9, 196, 0xff0000, TA_BOLD, 0),
        [ROLE_SERIES1] = H(14, 51, 0x00ffff, TA_BOLD, 0),
        [ROLE_SERIES2] = H(10, 46, 0x00ff00, TA_BOLD, 0),
        [ROLE_SERIES3] = H(11, 226, 0xffff00, TA_BOLD, 0),
        [ROLE_SERIES4] = H(13, 201, 0xff00ff, TA_BOLD, 0),
        [ROLE_SERIES5] = H(15, 231, 0xffffff, TA_BOLD, 0),
        [ROLE_SERIES6] = H(9, 208, 0xff8700, TA_BOLD, 0),
        [ROLE_SERIES7] = H(12, 39, 0x00afff, TA_BOLD, 0),
        [ROLE_SERIES8] = H(9, 196, 0xff0000, TA_BOLD, 0),
        [ROLE_HEAT0] = H(8, 240, 0x585858, 0, 0),
        [ROLE_HEAT1] = H(12, 33, 0x0087ff, TA_BOLD, 0),
        [ROLE_HEAT2] = H(14, 51, 0x00ffff, TA_BOLD, 0),
        [ROLE_HEAT3] = H(10, 46, 0x00ff00, TA_BOLD, 0),
        [ROLE_HEAT4] = H(11, 226, 0xffff00, TA_BOLD, TA_BOLD),
        [ROLE_HEAT5] = H(9, 196, 0xff0000, TA_BOLD, TA_BOLD | TA_REVERSE),
    },
};

#define M(a)                                                                   \
    {                                                                          \
        -1, -1, -1, -1, NORGB, NORGB, a, a                                     \
    }
static const Theme theme_mono = {
    "mono",
    {
        [ROLE_DEFAULT] = M(0),
        [ROLE_BORDER] = M(0),
        [ROLE_BORDER_FOCUS] = M(TA_BOLD),
        [ROLE_TITLE] = M(TA_BOLD),
        [ROLE_TITLE_FOCUS] = M(TA_BOLD | TA_UNDERLINE),
        [ROLE_DIM] = M(0),
        [ROLE_VALUE] = M(TA_BOLD),
        [ROLE_AXIS] = M(0),
        [ROLE_OK] = M(0),
        [ROLE_WARN] = M(TA_BOLD | TA_UNDERLINE),
        [ROLE_CRIT] = M(TA_BOLD | TA_REVERSE),
        [ROLE_STALE] = M(TA_UNDERLINE),
        [ROLE_ERROR] = M(TA_BOLD),
        [ROLE_TAB] = M(0),
        [ROLE_TAB_ACTIVE] = M(TA_REVERSE | TA_BOLD),
        [ROLE_STATUS] = M(0),
        [ROLE_THRESHOLD] = M(0),
        [ROLE_SERIES1] = M(0),
        [ROLE_SERIES2] = M(0),
        [ROLE_SERIES3] = M(0),
        [ROLE_SERIES4] = M(0),
        [ROLE_SERIES5] = M(0),
        [ROLE_SERIES6] = M(0),
        [ROLE_SERIES7] = M(0),
        [ROLE_SERIES8] = M(0),
        [ROLE_HEAT0] = M(0),
        [ROLE_HEAT1] = M(0),
        [ROLE_HEAT2] = M(0),
        [ROLE_HEAT3] = M(0),
        [ROLE_HEAT4] = M(TA_BOLD),
        [ROLE_HEAT5] = M(TA_BOLD | TA_REVERSE),
    },
};

static const Theme *const builtin[] = {&theme_dark, &theme_light,
                                       &theme_high_contrast, &theme_mono, NULL};

const char *const theme_names[] = {"dark", "light", "high-contrast", "mono",
                                   NULL};

const Theme *theme_find(const char *name)
{
    if (!name)
        return &theme_dark;
    for (int i = 0; builtin[i]; i++)
        if (!strcmp(builtin[i]->name, name))
            return builtin[i];
    return NULL;
}

/* ---- colours ------------------------------------------------------------- */

/* xterm's default palette for the 16 basic colours. */
static const unsigned basic16[16] = {0x000000, 0xcd0000, 0x00cd00, 0xcdcd00,
                                     0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
                                     0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
                                     0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff};

static const char *const color_names[16] = {"black",        "red",
                                            "green",        "yellow",
                                            "blue",         "magenta",
                                            "cyan",         "white",
                                            "bright-black", "bright-red",
                                            "bright-green", "bright-yellow",
                                            "bright-blue",  "bright-magenta",
                                            "bright-cyan",  "bright-white"};

static const int cube[6] = {0, 95, 135, 175, 215, 255};

unsigned theme_xterm_rgb(int i)
{
    if (i < 0 || i > 255)
        return 0;
    if (i < 16)
        return basic16[i];
    if (i < 232) {
        i -= 16;
        return (unsigned)(cube[i / 36] << 16 | cube[i / 6 % 6] << 8 |
                          cube[i % 6]);
    }
    unsigned g = (unsigned)(8 + 10 * (i - 232));
    return g << 16 | g << 8 | g;
}

static long dist2(unsigned a, unsigned b)
{
    long dr = (long)(a >> 16 & 255) - (long)(b >> 16 & 255);
    long dg = (long)(a >> 8 & 255) - (long)(b >> 8 & 255);
    long db = (long)(a & 255) - (long)(b & 255);
    return dr * dr + dg * dg + db * db;
}

int theme_rgb_to_256(unsigned rgb)
{
    int best = 16;
    long bd = -1;
    for (int i = 16; i < 256; i++) {
        long d = dist2(rgb, theme_xterm_rgb(i));
        if (bd < 0 || d < bd) {
            bd = d;
            best = i;
        }
    }
    return best;
}

int theme_rgb_to_16(unsigned rgb)
{
    int best = 0;
    long bd = -1;
    for (int i = 0; i < 16; i++) {
        long d = dist2(rgb, basic16[i]);
        if (bd < 0 || d < bd) {
            bd = d;
            best = i;
        }
    }
    return best;
}

int theme_color_parse(const char *s, int *c16, int *c256, unsigned *rgb)
{
    if (!s || !*s)
        return -1;
    if (!strcmp(s, "default")) {
        *c16 = *c256 = -1;
        *rgb = NORGB;
        return 0;
    }
    if (s[0] == '#') {
        if (strlen(s) != 7 || strspn(s + 1, "0123456789abcdefABCDEF") != 6)
            return -1;
        unsigned v = (unsigned)strtoul(s + 1, NULL, 16);
        *rgb = v;
        *c256 = theme_rgb_to_256(v);
        *c16 = theme_rgb_to_16(v);
        return 0;
    }
    if (strspn(s, "0123456789") == strlen(s)) {
        if (strlen(s) > 3 || atoi(s) > 255)
            return -1;
        int i = atoi(s);
        *c256 = i;
        *rgb = theme_xterm_rgb(i);
        *c16 = i < 16 ? i : theme_rgb_to_16(*rgb);
        return 0;
    }
    const char *n = s;
    char buf[32];
    if (!strcmp(s, "gray") || !strcmp(s, "grey"))
        n = "bright-black";
    else if (!strncmp(s, "bright", 6) && s[6] && s[6] != '-' &&
             strlen(s) < sizeof buf - 1) {
        snprintf(buf, sizeof buf, "bright-%s", s + 6); /* brightred */
        n = buf;
    }
    for (int i = 0; i < 16; i++)
        if (!strcmp(color_names[i], n)) {
            *c16 = i;
            *c256 = i;
            *rgb = basic16[i];
            return 0;
        }
    return -1;
}

/* ---- SGR ----------------------------------------------------------------- */

/* Appends one colour selection (fg when base is 30, bg when 40). */
static void sgr_color(char *p, size_t n, int depth, int base, int c8, int c256,
                      unsigned rgb)
{
    if (depth >= THEME_DEPTH_RGB && (rgb != NORGB || c256 >= 0)) {
        unsigned v = rgb != NORGB ? rgb : theme_xterm_rgb(c256);
        snprintf(p, n, ";%d;2;%u;%u;%u", base + 8, v >> 16 & 255, v >> 8 & 255,
                 v & 255);
    } else if (depth >= THEME_DEPTH_256 && c256 >= 0) {
        snprintf(p, n, ";%d;5;%d", base + 8, c256);
    } else if (c8 >= 8 && depth >= THEME_DEPTH_16) {
        snprintf(p, n, ";%d", base + 60 + c8 - 8);
    } else if (c8 >= 0) {
        snprintf(p, n, ";%d", base + c8 % 8);
    }
}

int theme_role_attrs(const RoleStyle *st, int depth)
{
    int ta = depth ? st->attrs : st->mono_attrs;
    /* an 8-colour terminal shows bright colours as bold ones */
    if (depth && depth < THEME_DEPTH_16 && st->fg8 >= 8)
        ta |= TA_BOLD;
    return ta;
}

int theme_sgr(const RoleStyle *st, int depth, int ta, char *buf, size_t n)
{
    char tmp[96] = "\033[0";
    if (ta & TA_BOLD)
        strcat(tmp, ";1");
    if (ta & TA_DIM)
        strcat(tmp, ";2");
    if (ta & TA_UNDERLINE)
        strcat(tmp, ";4");
    if (ta & TA_REVERSE)
        strcat(tmp, ";7");
    if (depth) {
        size_t l = strlen(tmp);
        sgr_color(tmp + l, sizeof tmp - l, depth, 30, st->fg8, st->fg256,
                  st->rgb_fg);
        l = strlen(tmp);
        sgr_color(tmp + l, sizeof tmp - l, depth, 40, st->bg8, st->bg256,
                  st->rgb_bg);
    }
    return snprintf(buf, n, "%sm", tmp);
}
