/* theme.c - the built-in themes: dark (the default) and mono. Colours are
 * given for 8/16 colours (fg8/bg8), 256 colours and truecolour; mono uses
 * attributes only. */
#include "theme.h"

#include <stddef.h>
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

Role theme_series_role(int i)
{
    if (i < 0)
        i = -i;
    return (Role)(ROLE_SERIES1 + i % ROLE_SERIES_COUNT);
}

#define NORGB 0xFFFFFFFFu
/* fg8, bg8, fg256, bg256, rgb, attrs, mono_attrs */
#define S(f8, f256, rgb, a, m) {f8, -1, f256, -1, rgb, a, m}

static const Theme theme_dark = {
    "dark",
    {
        [ROLE_DEFAULT] = S(-1, -1, NORGB, 0, 0),
        [ROLE_BORDER] = S(8, 240, 0x585858, 0, TA_DIM),
        [ROLE_BORDER_FOCUS] = S(14, 45, 0x00d7ff, TA_BOLD, TA_BOLD),
        [ROLE_TITLE] = S(15, 252, 0xd0d0d0, TA_BOLD, TA_BOLD),
        [ROLE_TITLE_FOCUS] = S(14, 45, 0x00d7ff, TA_BOLD, TA_BOLD | TA_UNDERLINE),
        [ROLE_DIM] = S(8, 244, 0x808080, 0, TA_DIM),
        [ROLE_VALUE] = S(15, 255, 0xeeeeee, TA_BOLD, TA_BOLD),
        [ROLE_AXIS] = S(8, 245, 0x8a8a8a, 0, TA_DIM),
        [ROLE_OK] = S(10, 78, 0x5fd787, 0, 0),
        [ROLE_WARN] = S(11, 220, 0xffd700, TA_BOLD, TA_BOLD),
        [ROLE_CRIT] = S(9, 203, 0xff5f5f, TA_BOLD, TA_BOLD | TA_REVERSE),
        [ROLE_STALE] = S(11, 214, 0xffaf00, 0, TA_UNDERLINE),
        [ROLE_ERROR] = S(9, 203, 0xff5f5f, TA_BOLD, TA_BOLD),
        [ROLE_TAB] = S(7, 250, 0xbcbcbc, 0, 0),
        [ROLE_TAB_ACTIVE] = {0, 14, 16, 45, 0x000000, TA_BOLD, TA_REVERSE | TA_BOLD},
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

#define M(a) {-1, -1, -1, -1, NORGB, a, a}
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
        [ROLE_WARN] = M(TA_BOLD),
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

const char *const theme_names[] = {"dark", "mono", NULL};

const Theme *theme_find(const char *name)
{
    if (!name || !strcmp(name, "dark"))
        return &theme_dark;
    if (!strcmp(name, "mono"))
        return &theme_mono;
    return NULL;
}
