/* test_theme.c - unit tests of the themes: the built-in ones, colour
 * parsing and conversion, theme files (base, overrides, errors with
 * file:line:col), finding a theme by name or path, and SGR sequences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "panels/canvas.h"
#include "themes/theme.h"

static void test_builtins(void **state)
{
    (void)state;
    int n = 0;
    for (int i = 0; theme_names[i]; i++, n++) {
        const Theme *t = theme_find(theme_names[i]);
        assert_non_null(t);
        assert_string_equal(t->name, theme_names[i]);
    }
    assert_int_equal(n, 4);
    assert_non_null(theme_find("high-contrast"));
    assert_non_null(theme_find("light"));
    assert_string_equal(theme_find(NULL)->name, "dark");
    assert_null(theme_find("solarized"));
    /* mono has no colour at all; high-contrast is on black everywhere */
    const Theme *m = theme_find("mono"), *hc = theme_find("high-contrast");
    for (int r = 0; r < ROLE_COUNT; r++) {
        assert_int_equal(m->roles[r].fg8, -1);
        assert_int_equal(m->roles[r].fg256, -1);
        if (r != ROLE_TAB_ACTIVE) {
            assert_int_equal(hc->roles[r].bg256, 16);
            assert_int_equal(hc->roles[r].rgb_bg, 0x000000);
        }
    }
    /* the light theme has no yellow text: warnings are orange */
    assert_int_equal(theme_find("light")->roles[ROLE_WARN].fg256, 130);
}

static void test_threshold_roles_differ_without_colour(void **state)
{
    (void)state;
    for (int i = 0; theme_names[i]; i++) {
        const Theme *t = theme_find(theme_names[i]);
        int ok = t->roles[ROLE_OK].mono_attrs;
        int warn = t->roles[ROLE_WARN].mono_attrs;
        int crit = t->roles[ROLE_CRIT].mono_attrs;
        assert_true(ok != warn && warn != crit && ok != crit);
    }
}

static void test_role_names(void **state)
{
    (void)state;
    for (int r = 0; r < ROLE_COUNT; r++)
        assert_int_equal(theme_role_find(theme_role_name((Role)r)), r);
    assert_int_equal(theme_role_find("crit"), ROLE_CRIT);
    assert_int_equal(theme_role_find("nope"), -1);
    assert_int_equal(theme_role_find(NULL), -1);
}

static void test_color_parse(void **state)
{
    (void)state;
    int c16, c256;
    unsigned rgb;
    assert_int_equal(theme_color_parse("#ff0000", &c16, &c256, &rgb), 0);
    assert_int_equal(rgb, 0xff0000);
    assert_int_equal(c256, 196);
    assert_int_equal(c16, 9);
    assert_int_equal(theme_color_parse("#00D7FF", &c16, &c256, &rgb), 0);
    assert_int_equal(c256, 45);
    assert_int_equal(theme_color_parse("208", &c16, &c256, &rgb), 0);
    assert_int_equal(c256, 208);
    assert_int_equal(rgb, 0xff8700);
    assert_int_equal(theme_color_parse("3", &c16, &c256, &rgb), 0);
    assert_int_equal(c16, 3);
    assert_int_equal(theme_color_parse("bright-red", &c16, &c256, &rgb), 0);
    assert_int_equal(c16, 9);
    assert_int_equal(theme_color_parse("brightblue", &c16, &c256, &rgb), 0);
    assert_int_equal(c16, 12);
    assert_int_equal(theme_color_parse("grey", &c16, &c256, &rgb), 0);
    assert_int_equal(c16, 8);
    assert_int_equal(theme_color_parse("default", &c16, &c256, &rgb), 0);
    assert_int_equal(c16, -1);
    assert_int_equal(c256, -1);
    assert_int_equal(rgb, THEME_NORGB);
    const char *bad[] = {"",   "#ff00",  "#ff00zz", "256",     "1000",
                         "-1", "purple", "bright-", "#ff00000"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(theme_color_parse(bad[i], &c16, &c256, &rgb), -1);
}

static void test_palette_round_trip(void **state)
{
    (void)state;
    for (int i = 16; i < 256; i++)
        assert_int_equal(theme_rgb_to_256(theme_xterm_rgb(i)), i);
    for (int i = 0; i < 16; i++)
        assert_int_equal(theme_rgb_to_16(theme_xterm_rgb(i)), i);
    assert_int_equal(theme_xterm_rgb(196), 0xff0000);
    assert_int_equal(theme_xterm_rgb(232), 0x080808);
}

static const char good[] = "# my wall screen\n"
                           "base: light\n"
                           "crit: \"#ff0000\"\n"
                           "ok: {fg: green, bg: 16, attrs: [bold, underline]}\n"
                           "warn:\n"
                           "  fg: 208\n"
                           "  attrs: bold reverse\n"
                           "  mono: underline\n";

static void test_file_overrides(void **state)
{
    (void)state;
    Theme t;
    char err[256] = "";
    assert_int_equal(
        theme_load_text("wall.yaml", good, strlen(good), &t, err, sizeof err),
        0);
    assert_string_equal(err, "");
    assert_int_equal(t.roles[ROLE_CRIT].rgb_fg, 0xff0000);
    assert_int_equal(t.roles[ROLE_CRIT].fg256, 196);
    /* attributes not named stay the base's */
    assert_int_equal(t.roles[ROLE_CRIT].attrs,
                     theme_find("light")->roles[ROLE_CRIT].attrs);
    assert_int_equal(t.roles[ROLE_OK].fg8, 2);
    assert_int_equal(t.roles[ROLE_OK].bg256, 16);
    assert_int_equal(t.roles[ROLE_OK].attrs, TA_BOLD | TA_UNDERLINE);
    assert_int_equal(t.roles[ROLE_WARN].fg256, 208);
    assert_int_equal(t.roles[ROLE_WARN].attrs, TA_BOLD | TA_REVERSE);
    assert_int_equal(t.roles[ROLE_WARN].mono_attrs, TA_UNDERLINE);
    /* roles not named are the base's */
    assert_memory_equal(&t.roles[ROLE_TITLE],
                        &theme_find("light")->roles[ROLE_TITLE],
                        sizeof(RoleStyle));
    /* no base: dark */
    const char *one = "ok: blue\n";
    assert_int_equal(
        theme_load_text("x.yaml", one, strlen(one), &t, err, sizeof err), 0);
    assert_memory_equal(&t.roles[ROLE_TITLE],
                        &theme_find("dark")->roles[ROLE_TITLE],
                        sizeof(RoleStyle));
}

static void expect_error(const char *text, const char *want)
{
    Theme t;
    char err[256] = "";
    assert_int_equal(
        theme_load_text("t.yaml", text, strlen(text), &t, err, sizeof err), -1);
    if (strncmp(err, want, strlen(want))) {
        fprintf(stderr, "got '%s', want '%s...'\n", err, want);
        fail();
    }
}

static void test_file_errors(void **state)
{
    (void)state;
    expect_error("base: dark\ncrit2: red\n",
                 "t.yaml:2:1: unknown role 'crit2', did you mean 'crit'? (the "
                 "roles are listed under THEMES in promboard(1))");
    expect_error("base: dark\nfrobnicate: red\n",
                 "t.yaml:2:1: unknown role 'frobnicate' (the roles are listed "
                 "under THEMES in promboard(1))");
    expect_error("base: dark\nok: reddish\n",
                 "t.yaml:2:5: bad colour 'reddish'");
    expect_error("ok:\n  fg: red\n  bg: \"#12345\"\n",
                 "t.yaml:3:7: bad colour");
    expect_error(
        "ok: {fg: red, blink: true}\n",
        "t.yaml:1:15: unknown key 'blink' in a role (accepted: fg, bg, "
        "attrs, mono)");
    expect_error("ok: {fg: red, fg: blue}\n",
                 "t.yaml:1:15: duplicate key 'fg' (first at line 1)");
    expect_error("ok: {attrs: [bold, blinking]}\n",
                 "t.yaml:1:20: unknown attribute 'blinking'");
    expect_error("base: solarized\n",
                 "t.yaml:1:7: expected one of dark, light, high-contrast, mono "
                 "for 'base', got 'solarized'");
    expect_error("- red\n- blue\n", "t.yaml:1:1: a theme is a mapping");
    expect_error("", "t.yaml:1:1: the theme file is empty");
    expect_error("ok: [red\n", "t.yaml:2:1: ");
    expect_error("ok: [red, blue]\n", "t.yaml:1:5: a role is a colour");
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_find_by_name_and_path(void **state)
{
    (void)state;
    char dir[] = "/tmp/promboard-theme-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char sub[256], file[320], path[320];
    snprintf(sub, sizeof sub, "%s/promboard", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(sub, sizeof sub, "%s/promboard/themes", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(file, sizeof file, "%s/wall.yaml", sub);
    write_file(file, good);
    snprintf(path, sizeof path, "%s/other.yaml", dir);
    write_file(path, "base: mono\nbogus: red\n");

    Theme t;
    char err[512] = "";
    setenv("XDG_CONFIG_HOME", dir, 1);
    assert_int_equal(theme_load("wall", &t, err, sizeof err), 0);
    assert_int_equal(t.roles[ROLE_CRIT].rgb_fg, 0xff0000);
    /* built-in names come first */
    assert_int_equal(theme_load("mono", &t, err, sizeof err), 0);
    assert_string_equal(t.name, "mono");
    /* a path, with its errors at file:line:col */
    assert_int_equal(theme_load(path, &t, err, sizeof err), -1);
    char want[400];
    snprintf(want, sizeof want, "%s:2:1: unknown role 'bogus'", path);
    assert_true(!strncmp(err, want, strlen(want)));
    assert_int_equal(theme_load("nosuch", &t, err, sizeof err), -1);
    char in[700];
    snprintf(in, sizeof in,
             "unknown theme 'nosuch' (dark, light, high-contrast, mono, or "
             "NAME.yaml in %s/promboard/themes)",
             dir);
    assert_string_equal(err, in);
    /* a theme file that is a FIFO is refused, without waiting on it */
    char fifo[300];
    snprintf(fifo, sizeof fifo, "%s/promboard/themes/pipe.yaml", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(theme_load("pipe", &t, err, sizeof err), -1);
    snprintf(in, sizeof in,
             "%s: cannot read the theme file: not a regular file (a FIFO)",
             fifo);
    assert_string_equal(err, in);
    unlink(fifo);
    /* without XDG_CONFIG_HOME: ~/.config */
    unsetenv("XDG_CONFIG_HOME");
    char home[256];
    snprintf(home, sizeof home, "%s", dir);
    setenv("HOME", home, 1);
    char cfg[300];
    snprintf(cfg, sizeof cfg, "%s/.config", dir);
    assert_int_equal(mkdir(cfg, 0700), 0);
    snprintf(cfg, sizeof cfg, "%s/.config/promboard", dir);
    assert_int_equal(mkdir(cfg, 0700), 0);
    snprintf(cfg, sizeof cfg, "%s/.config/promboard/themes", dir);
    assert_int_equal(mkdir(cfg, 0700), 0);
    char f2[400];
    snprintf(f2, sizeof f2, "%s/mine.yaml", cfg);
    write_file(f2, "base: high-contrast\n");
    assert_int_equal(theme_load("mine", &t, err, sizeof err), 0);
    assert_int_equal(t.roles[ROLE_DEFAULT].bg256, 16);
    assert_int_equal(theme_load("/nonexistent/x.yaml", &t, err, sizeof err),
                     -1);
    assert_string_equal(err, "/nonexistent/x.yaml: cannot read the theme "
                             "file: No such file or directory");
    /* a relative XDG_CONFIG_HOME is ignored, as for config.yaml: the theme
     * is found under HOME */
    setenv("XDG_CONFIG_HOME", "relative/dir", 1);
    assert_int_equal(theme_load("mine", &t, err, sizeof err), 0);
    unsetenv("XDG_CONFIG_HOME");
    unlink(f2);
    rmdir(cfg);
    snprintf(cfg, sizeof cfg, "%s/.config/promboard", dir);
    rmdir(cfg);
    snprintf(cfg, sizeof cfg, "%s/.config", dir);
    rmdir(cfg);
    unlink(file);
    unlink(path);
    rmdir(sub);
    snprintf(sub, sizeof sub, "%s/promboard", dir);
    rmdir(sub);
    rmdir(dir);
}

static void test_sgr(void **state)
{
    (void)state;
    const Theme *d = theme_find("dark");
    const RoleStyle *crit = &d->roles[ROLE_CRIT];
    char b[96];
    theme_sgr(crit, THEME_DEPTH_256, theme_role_attrs(crit, 256), b, sizeof b);
    assert_string_equal(b, "\033[0;1;38;5;203m");
    theme_sgr(crit, THEME_DEPTH_RGB, theme_role_attrs(crit, THEME_DEPTH_RGB), b,
              sizeof b);
    assert_string_equal(b, "\033[0;1;38;2;255;95;95m");
    theme_sgr(crit, THEME_DEPTH_16, 0, b, sizeof b);
    assert_string_equal(b, "\033[0;91m");
    /* 8 colours: bright means bold */
    theme_sgr(crit, THEME_DEPTH_8, theme_role_attrs(crit, 8), b, sizeof b);
    assert_string_equal(b, "\033[0;1;31m");
    /* no colour: the mono attributes only */
    theme_sgr(crit, THEME_DEPTH_NONE, theme_role_attrs(crit, 0), b, sizeof b);
    assert_string_equal(b, "\033[0;1;7m");
    const RoleStyle *tab = &d->roles[ROLE_TAB_ACTIVE];
    theme_sgr(tab, THEME_DEPTH_RGB, 0, b, sizeof b);
    assert_string_equal(b, "\033[0;38;2;0;0;0;48;2;0;215;255m");
    theme_sgr(&d->roles[ROLE_DEFAULT], THEME_DEPTH_256, 0, b, sizeof b);
    assert_string_equal(b, "\033[0m");
}

static void test_ascii_glyphs(void **state)
{
    (void)state;
    /* every series has a glyph of its own in plots and in bars */
    for (int i = 0; i < ROLE_SERIES_COUNT; i++)
        for (int j = i + 1; j < ROLE_SERIES_COUNT; j++) {
            assert_int_not_equal(canvas_series_glyph(theme_series_role(i)),
                                 canvas_series_glyph(theme_series_role(j)));
            assert_int_not_equal(canvas_bar_glyph(theme_series_role(i)),
                                 canvas_bar_glyph(theme_series_role(j)));
        }
    Canvas *c = canvas_new(20, 4, 1);
    assert_non_null(c);
    DotGrid g;
    assert_int_equal(dotgrid_init(&g, c, (Rect){0, 0, 20, 4}), 0);
    dotgrid_line(&g, 0, 0, 19, 0, ROLE_SERIES1);
    dotgrid_line(&g, 0, 2, 19, 2, ROLE_SERIES2);
    dotgrid_flush(&g);
    char row[64];
    canvas_row_text(c, 0, row, sizeof row);
    assert_string_equal(row, "********************");
    canvas_row_text(c, 2, row, sizeof row);
    assert_string_equal(row, "oooooooooooooooooooo");
    assert_int_equal(canvas_legend_mark(c, ROLE_SERIES2), 'o');
    /* big digits in ASCII are seven-segment, not shapeless blocks */
    canvas_clear(c, (Rect){0, 0, 20, 4}, ROLE_DEFAULT);
    assert_int_equal(canvas_bigtext(c, (Rect){0, 0, 11, 3}, "28", ROLE_VALUE),
                     0);
    canvas_row_text(c, 0, row, sizeof row);
    assert_string_equal(row, "   _   _");
    canvas_row_text(c, 1, row, sizeof row);
    assert_string_equal(row, "   _| |_|");
    canvas_row_text(c, 2, row, sizeof row);
    assert_string_equal(row, "  |_  |_|");
    canvas_free(c);
}

static void test_reverse_blocks_stay_visible(void **state)
{
    (void)state;
    Cell full = {0x2588, ROLE_CRIT, 0}, half = {0x2584, ROLE_CRIT, 0},
         text = {'X', ROLE_CRIT, 0};
    uint32_t ch;
    int ta;
    canvas_cell_look(&full, TA_BOLD | TA_REVERSE, &ch, &ta);
    assert_int_equal(ch, ' ');
    assert_int_equal(ta, TA_BOLD | TA_REVERSE);
    canvas_cell_look(&half, TA_BOLD | TA_REVERSE, &ch, &ta);
    assert_int_equal(ch, 0x2584);
    assert_int_equal(ta, TA_BOLD);
    canvas_cell_look(&text, TA_REVERSE, &ch, &ta);
    assert_int_equal(ch, 'X');
    assert_int_equal(ta, TA_REVERSE);
    /* big digits are never reversed: a negative of block digits reads as
     * blots; a critical value's tag (text) keeps the reverse */
    Canvas *c = canvas_new(5, 3, 0);
    assert_non_null(c);
    assert_int_equal(canvas_bigtext(c, (Rect){0, 0, 5, 3}, "8", ROLE_CRIT), 0);
    const Cell *d = &c->cells[1]; /* top row, first column of the glyph */
    assert_int_equal(d->ch, 0x2588);
    assert_true(d->attrs & CELL_SOLID);
    canvas_cell_look(d, TA_BOLD | TA_REVERSE | d->attrs, &ch, &ta);
    assert_int_equal(ch, 0x2588);
    assert_int_equal(ta, TA_BOLD);
    canvas_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtins),
        cmocka_unit_test(test_threshold_roles_differ_without_colour),
        cmocka_unit_test(test_role_names),
        cmocka_unit_test(test_color_parse),
        cmocka_unit_test(test_palette_round_trip),
        cmocka_unit_test(test_file_overrides),
        cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_find_by_name_and_path),
        cmocka_unit_test(test_sgr),
        cmocka_unit_test(test_ascii_glyphs),
        cmocka_unit_test(test_reverse_blocks_stay_visible),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
