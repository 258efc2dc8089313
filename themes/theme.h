/* theme.h - colour roles and the themes that give them colours. Code asks
 * for a role (ROLE_CRIT), never for a colour; a theme maps roles to colours
 * for 8/16-colour, 256-colour and truecolour terminals, and to attributes
 * alone when there is no colour. */
#ifndef PROMBOARD_THEME_H
#define PROMBOARD_THEME_H

/* Every role, once: produces the enum and the name table. */
#define THEME_ROLES(X)                                                         \
    X(DEFAULT, "default")                                                      \
    X(BORDER, "border")                                                        \
    X(BORDER_FOCUS, "border-focus")                                            \
    X(TITLE, "title")                                                          \
    X(TITLE_FOCUS, "title-focus")                                              \
    X(DIM, "dim")                                                              \
    X(VALUE, "value")                                                          \
    X(AXIS, "axis")                                                            \
    X(OK, "ok")                                                                \
    X(WARN, "warn")                                                            \
    X(CRIT, "crit")                                                            \
    X(STALE, "stale")                                                          \
    X(ERROR, "error")                                                          \
    X(TAB, "tab")                                                              \
    X(TAB_ACTIVE, "tab-active")                                                \
    X(STATUS, "status")                                                        \
    X(THRESHOLD, "threshold")                                                  \
    X(SERIES1, "series1")                                                      \
    X(SERIES2, "series2")                                                      \
    X(SERIES3, "series3")                                                      \
    X(SERIES4, "series4")                                                      \
    X(SERIES5, "series5")                                                      \
    X(SERIES6, "series6")                                                      \
    X(SERIES7, "series7")                                                      \
    X(SERIES8, "series8")                                                      \
    X(HEAT0, "heat0")                                                          \
    X(HEAT1, "heat1")                                                          \
    X(HEAT2, "heat2")                                                          \
    X(HEAT3, "heat3")                                                          \
    X(HEAT4, "heat4")                                                          \
    X(HEAT5, "heat5")

typedef enum {
#define THEME_ENUM(id, name) ROLE_##id,
    THEME_ROLES(THEME_ENUM)
#undef THEME_ENUM
        ROLE_COUNT
} Role;

#define ROLE_SERIES_COUNT 8
#define ROLE_HEAT_COUNT 6

/* Text attributes a role may carry (combined with colour or alone). */
enum { TA_BOLD = 1, TA_REVERSE = 2, TA_UNDERLINE = 4, TA_DIM = 8 };

typedef struct {
    int fg8, bg8;       /* 0-7 or -1 (terminal default); bright: +8 */
    int fg256, bg256;   /* 0-255 or -1 */
    unsigned rgb_fg;    /* 0xRRGGBB, or 0xFFFFFFFF for "use fg256" */
    int attrs;          /* TA_* with colour */
    int mono_attrs;     /* TA_* when there is no colour */
} RoleStyle;

typedef struct {
    const char *name;
    RoleStyle roles[ROLE_COUNT];
} Theme;

/* Returns the role's name ("crit"), or "?" for an out-of-range role. */
const char *theme_role_name(Role r);

/* Returns the built-in theme called `name` ("dark", "mono"), or NULL. */
const Theme *theme_find(const char *name);

/* Names of the built-in themes, NULL-terminated. */
extern const char *const theme_names[];

/* Role of the i-th series colour (wraps around). */
Role theme_series_role(int i);

#endif
