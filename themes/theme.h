/* theme.h - colour roles and the themes that give them colours. Code asks
 * for a role (ROLE_CRIT), never for a colour; a theme maps roles to colours
 * for 8/16-colour, 256-colour and truecolour terminals, and to attributes
 * alone when there is no colour. */
#ifndef PROMBOARD_THEME_H
#define PROMBOARD_THEME_H

#include <stddef.h>

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

/* "No RGB given": truecolour falls back to the 256-colour index. */
#define THEME_NORGB 0xFFFFFFFFu

typedef struct {
    int fg8, bg8;     /* 0-7 or -1 (terminal default); bright: +8 */
    int fg256, bg256; /* 0-255 or -1 */
    unsigned rgb_fg;  /* 0xRRGGBB, or THEME_NORGB for "use fg256" */
    unsigned rgb_bg;  /* 0xRRGGBB, or THEME_NORGB for "use bg256" */
    int attrs;        /* TA_* with colour */
    int mono_attrs;   /* TA_* when there is no colour */
} RoleStyle;

typedef struct {
    char name[64];
    RoleStyle roles[ROLE_COUNT];
} Theme;

/* Colour depths a terminal (or --once output) may have. */
enum {
    THEME_DEPTH_NONE = 0, /* attributes only (mono_attrs) */
    THEME_DEPTH_8 = 8,
    THEME_DEPTH_16 = 16,
    THEME_DEPTH_256 = 256,
    THEME_DEPTH_RGB = 0x1000000,
};

/* Returns the role's name ("crit"), or "?" for an out-of-range role. */
const char *theme_role_name(Role r);
/* Returns the role called `name`, or -1. */
int theme_role_find(const char *name);

/* Returns the built-in theme called `name` ("dark", "light",
 * "high-contrast", "mono"; NULL means "dark"), or NULL. */
const Theme *theme_find(const char *name);

/* Names of the built-in themes, NULL-terminated. */
extern const char *const theme_names[];

/* Resolves `name` into *out: a built-in theme; else, for a plain name,
 * NAME.yaml in $XDG_CONFIG_HOME/promboard/themes (or
 * ~/.config/promboard/themes, conf_dir()'s themes/); a name holding '/' or
 * ending in .yaml/.yml is a path. A theme file is a regular file of at most
 * 64 KiB. Returns 0, or -1 with one line in err ("file:line:col: message"
 * for a bad theme file). */
int theme_load(const char *name, Theme *out, char *err, size_t errn);

/* Reads theme YAML (`base: NAME` and role overrides) named `file` into
 * *out. Returns 0, or -1 with "file:line:col: message" in err. */
int theme_load_text(const char *file, const char *text, size_t len, Theme *out,
                    char *err, size_t errn);

/* Parses a colour: "#rrggbb", 0-255, a name ("red", "bright-red", "gray",
 * "default"). Fills the 16-colour, 256-colour and RGB forms (-1/-1/NORGB
 * for "default"). Returns 0, or -1 when s is not a colour. */
int theme_color_parse(const char *s, int *c16, int *c256, unsigned *rgb);

/* The RGB value of xterm colour index i (0-255). */
unsigned theme_xterm_rgb(int i);
/* The nearest xterm 256-colour index (16-255) and 16-colour index. */
int theme_rgb_to_256(unsigned rgb);
int theme_rgb_to_16(unsigned rgb);

/* Role of the i-th series colour (wraps around). */
Role theme_series_role(int i);

/* The TA_* attributes role style st carries at colour depth `depth`
 * (attrs with colour, mono_attrs without; bright colours add bold on an
 * 8-colour terminal). */
int theme_role_attrs(const RoleStyle *st, int depth);

/* Writes the SGR escape sequence that selects role style st's colours at
 * colour depth `depth` (THEME_DEPTH_*) with exactly the attributes `ta`
 * (TA_*), starting from a reset ("\033[0;...m"). Returns the length it
 * needed (the text is cut to n-1). */
int theme_sgr(const RoleStyle *st, int depth, int ta, char *buf, size_t n);

#endif
