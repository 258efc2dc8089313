/* test_canvas.c - unit tests of the cell canvas panels draw on: clipped and
 * sanitised text, wide characters, ellipsis, boxes, bars, braille dot
 * grids, big digits, word wrap, ASCII mode, and reading rows back. */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "panels/canvas.h"

/* Row y of c as text (trailing blanks trimmed). */
static const char *row(const Canvas *c, int y, char *buf, int n)
{
    canvas_row_text(c, y, buf, n);
    return buf;
}

#define ROW(c, y) row((c), (y), rowbuf, sizeof rowbuf)

static int setup_locale(void **state)
{
    (void)state;
    /* wcwidth needs a UTF-8 locale for CJK widths */
    if (!setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "C.utf8");
    return 0;
}

static void test_text_cut_with_ellipsis(void **state)
{
    (void)state;
    char rowbuf[256];
    Canvas *c = canvas_new(10, 2, 0);
    assert_non_null(c);
    assert_int_equal(canvas_text(c, 0, 0, 5, "hello world", ROLE_DEFAULT, 0),
                     5);
    assert_string_equal(ROW(c, 0), "hell\xe2\x80\xa6");
    assert_int_equal(
        canvas_text_ex(c, 0, 1, 5, "hello world", ROLE_DEFAULT, 0, 0), 5);
    assert_string_equal(ROW(c, 1), "hello");
    canvas_free(c);
}

static void test_text_fits_exactly(void **state)
{
    (void)state;
    char rowbuf[256];
    Canvas *c = canvas_new(10, 1, 0);
    assert_int_equal(canvas_text(c, 2, 0, 5, "abcde", ROLE_VALUE, TA_BOLD), 5);
    assert_string_equal(ROW(c, 0), "  abcde");
    assert_int_equal(c->cells[2].role, ROLE_VALUE);
    assert_int_equal(c->cells[2].attrs, TA_BOLD);
    assert_int_equal(c->cells[7].ch, ' ');
    canvas_free(c);
}

static void test_text_clipped_by_canvas_edges(void **state)
{
    (void)state;
    char rowbuf[256];
    Canvas *c = canvas_new(10, 1, 0);
    canvas_text(c, 7, 0, 10, "abcdef", ROLE_DEFAULT, 0);
    assert_string_equal(ROW(c, 0), "       abc");
    canvas_clear(c, (Rect){0, 0, 10, 1}, ROLE_DEFAULT);
    canvas_text(c, -2, 0, 10, "abcdef", ROLE_DEFAULT, 0);
    assert_string_equal(ROW(c, 0), "cdef");
    /* rows outside: nothing written, no crash */
    canvas_text(c, 0, -1, 10, "x", ROLE_DEFAULT, 0);
    canvas_text(c, 0, 1, 10, "x", ROLE_DEFAULT, 0);
    assert_string_equal(ROW(c, 0), "cdef");
    assert_int_equal(canvas_text(c, 0, 0, 0, "x", ROLE_DEFAULT, 0), 0);
    assert_int_equal(canvas_text(c, 0, 0, 5, NULL, ROLE_DEFAULT, 0), 0);
    canvas_free(c);
}

static void test_text_right(void **state)
{
    (void)state;
    char rowbuf[256];
    Canvas *c = canvas_new(8, 2, 0);
    canvas_text_right(c, 0, 0, 5, "ab", ROLE_DEFAULT, 0);
    assert_string_equal(ROW(c, 0), "   ab");
    canvas_text_right(c, 0, 1, 3, "abcdef", ROLE_DEFAULT, 0);
    assert_string_equal(ROW(c, 1), "ab\xe2\x80\xa6");
    canvas_free(c);
}

static void test_wide_chars(void **state)
{
    (void)state;
    char rowbuf[256];
    /* 日本語: three CJK characters, two columns each */
    const char *jp = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e";
    assert_int_equal(canvas_text_width(jp), 6);
    Canvas *c = canvas_new(5, 3, 0);
    canvas_text(c, 0, 0, 5, jp, ROLE_DEFAULT, 0);
    assert_string_equal(ROW(c, 0), "\xe6\x97\xa5\xe6\x9c\xac\xe2\x80\xa6");
    assert_int_equal(c->cells[1].ch, 0); /* right half of 日 */
    canvas_text_ex(c, 0, 1, 5, jp, ROLE_DEFAULT, 0, 0);
    assert_string_equal(ROW(c, 1), "\xe6\x97\xa5\xe6\x9c\xac");
    assert_int_equal(c->cells[5 + 4].ch, ' ');
    /* a wide char cut by the canvas edge becomes a blank */
    canvas_text(c, 4, 2, 10, jp, ROLE_DEFAULT, 0);
    assert_int_equal(c->cells[10 + 4].ch, ' ');
    assert_string_equal(ROW(c, 2), "");
    canvas_free(c);
}

static void test_overwriting_half_of_wide_char(void **state)
{
    (void)state;
    char rowbuf[256];
    Canvas *c = canvas_new(4, 1, 0);
    canvas_text(c, 0, 0, 4, "\xe6\x97\xa5", ROLE_DEFAULT, 0);
    canvas_put(c, 1, 0, 'x', ROLE_DEFAULT, 0);
    assert_string_equal(ROW(c, 0), " x");
    canvas_text(c, 1, 0, 4, "\xe6\x97\xa5", ROLE_DEFAULT, 0);
    canvas_put(c, 1, 0, 'y', ROLE_DEFAULT, 0);
    assert_string_equal(ROW(c, 0), " y");
    canvas_free(c);
}

static void test_control_chars_become_question_marks(void **state)
{
    (void)state;
    char rowbuf[256];
    Canvas *c = canvas_new(10, 2, 0);
    /* tab, SOH, DEL and the C1 control U+0085 */
    canvas_text(c, 0, 0, 10,
                "a\tb\x01"
                "c\x7f"
                "d\xc2\x85",
                ROLE_DEFAULT, 0);
    assert_string_equal(ROW(c, 0), "a?b?c?d?");
    /* a stray continuation byte: U+FFFD */
    canvas_text(c, 0, 1, 10, "x\x80y", ROLE_DEFAULT, 0);
    assert_string_equal(ROW(c, 1), "x\xef\xbf\xbdy");
    assert_int_equal(canvas_text_width("a\tb"), 3);
    /* combining marks take no column */
    assert_int_equal(canvas_text_width("e\xcc\x81"), 1);
    canvas_free(c);
}

static void test_ascii_mode(void **state)
{
    (void)state;
    char rowbuf[256];
    Canvas *c = canvas_new(8, 3, 1);
    canvas_text(c, 0, 0, 4, "hello", ROLE_DEFAULT, 0);
    assert_string_equal(ROW(c, 0), "hel~");
    canvas_text(c, 0, 1, 8, "caf\xc3\xa9!", ROLE_DEFAULT, 0);
    assert_string_equal(ROW(c, 1), "caf?!");
    canvas_hline(c, 0, 2, 3, ROLE_BORDER);
    canvas_vline(c, 4, 2, 1, ROLE_BORDER);
    assert_string_equal(ROW(c, 2), "--- |");
    canvas_free(c);
}

static void test_box_corners_and_title(void **state)
{
    (void)state;
    char rowbuf[256];
    Canvas *c = canvas_new(6, 3, 0);
    canvas_box(c, (Rect){0, 0, 6, 3}, ROLE_BORDER, "T", ROLE_TITLE);
    assert_string_equal(ROW(c, 0), "\xe2\x95\xad T \xe2\x94\x80\xe2\x95\xae");
    assert_string_equal(ROW(c, 1), "\xe2\x94\x82    \xe2\x94\x82");
    assert_string_equal(ROW(c, 2), "\xe2\x95\xb0\xe2\x94\x80\xe2\x94\x80"
                                   "\xe2\x94\x80\xe2\x94\x80\xe2\x95\xaf");
    assert_int_equal(c->cells[2].role, ROLE_TITLE);
    assert_int_equal(c->cells[2].attrs, TA_BOLD);
    assert_int_equal(c->cells[0].role, ROLE_BORDER);
    canvas_free(c);

    Canvas *a = canvas_new(10, 3, 1);
    canvas_box(a, (Rect){0, 0, 10, 3}, ROLE_BORDER, "abcdefghij", ROLE_TITLE);
    assert_string_equal(ROW(a, 0), "+ abcd~ -+");
    assert_string_equal(ROW(a, 1), "|        |");
    assert_string_equal(ROW(a, 2), "+--------+");
    /* too small for a box: nothing drawn */
    canvas_clear(a, (Rect){0, 0, 10, 3}, ROLE_DEFAULT);
    canvas_box(a, (Rect){0, 0, 1, 3}, ROLE_BORDER, "x", ROLE_TITLE);
    assert_string_equal(ROW(a, 0), "");
    canvas_free(a);
}

static void test_hbar_eighths(void **state)
{
    (void)state;
    char rowbuf[256];
    Canvas *c = canvas_new(4, 6, 0);
    canvas_hbar(c, 0, 0, 4, 0.5, ROLE_OK);
    assert_string_equal(ROW(c, 0), "\xe2\x96\x88\xe2\x96\x88");
    canvas_hbar(c, 0, 1, 4, 0.3, ROLE_OK); /* 9.6 -> 10 eighths: █▎ */
    assert_string_equal(ROW(c, 1), "\xe2\x96\x88\xe2\x96\x8e");
    canvas_hbar(c, 0, 2, 4, 1.0 / 32, ROLE_OK); /* one eighth: ▏ */
    assert_string_equal(ROW(c, 2), "\xe2\x96\x8f");
    canvas_hbar(c, 0, 3, 4, 7.0 / 32, ROLE_OK); /* seven eighths: ▉ */
    assert_string_equal(ROW(c, 3), "\xe2\x96\x89");
    canvas_hbar(c, 0, 4, 4, 1.5, ROLE_OK); /* clamped to full */
    assert_string_equal(ROW(c, 4),
                        "\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88");
    canvas_hbar(c, 0, 5, 4, NAN, ROLE_OK);
    canvas_hbar(c, 0, 5, 4, 0, ROLE_OK);
    canvas_hbar(c, 0, 5, 4, -1, ROLE_OK);
    assert_string_equal(ROW(c, 5), "");
    assert_int_equal(c->cells[0].role, ROLE_OK);
    canvas_free(c);

    Canvas *a = canvas_new(4, 1, 1);
    canvas_hbar(a, 0, 0, 4, 0.5, ROLE_OK);
    assert_string_equal(ROW(a, 0), "##");
    canvas_free(a);
}

static void test_vbar_and_spark_glyphs(void **state)
{
    (void)state;
    char rowbuf[256];
    Canvas *c = canvas_new(1, 3, 0);
    canvas_vbar(c, 0, 2, 2, 0.75, ROLE_OK); /* 12 eighths: █ under ▄ */
    assert_string_equal(ROW(c, 2), "\xe2\x96\x88");
    assert_string_equal(ROW(c, 1), "\xe2\x96\x84");
    assert_string_equal(ROW(c, 0), "");
    assert_int_equal(canvas_spark_glyph(c, 0), 0x2581);
    assert_int_equal(canvas_spark_glyph(c, 1), 0x2588);
    assert_int_equal(canvas_spark_glyph(c, 0.5), 0x2585);
    assert_int_equal(canvas_spark_glyph(c, NAN), 0x2581);
    assert_int_equal(canvas_spark_glyph(c, 7), 0x2588);
    canvas_free(c);
    Canvas *a = canvas_new(1, 1, 1);
    assert_int_equal(canvas_spark_glyph(a, 0), '_');
    assert_int_equal(canvas_spark_glyph(a, 0.5), '-');
    assert_int_equal(canvas_spark_glyph(a, 1), '#');
    canvas_free(a);
}

static void test_dotgrid_braille_bits(void **state)
{
    (void)state;
    char rowbuf[256];
    Canvas *c = canvas_new(3, 1, 0);
    canvas_text(c, 0, 0, 3, "abc", ROLE_DEFAULT, 0);
    DotGrid g;
    assert_int_equal(dotgrid_init(&g, c, (Rect){0, 0, 2, 1}), 0);
    assert_int_equal(g.dw, 4);
    assert_int_equal(g.dh, 4);
    dotgrid_set(&g, 0, 0, ROLE_SERIES1); /* dot 1: bit 0x01 */
    dotgrid_set(&g, 1, 3, ROLE_SERIES2); /* dot 8: bit 0x80 */
    dotgrid_set(&g, 9, 9, ROLE_SERIES1); /* outside: ignored */
    dotgrid_set(&g, -1, 0, ROLE_SERIES1);
    dotgrid_flush(&g);
    assert_int_equal(c->cells[0].ch, 0x2800 + 0x81);
    assert_int_equal(c->cells[0].role, ROLE_SERIES2); /* the last role set */
    assert_int_equal(c->cells[1].ch, 'b');            /* no dots: untouched */
    assert_int_equal(c->cells[2].ch, 'c');            /* outside the grid */

    canvas_clear(c, (Rect){0, 0, 3, 1}, ROLE_DEFAULT);
    assert_int_equal(dotgrid_init(&g, c, (Rect){0, 0, 2, 1}), 0);
    dotgrid_line(&g, 0, 0, 3, 3, ROLE_SERIES1);
    dotgrid_flush(&g);
    /* (0,0)+(1,1) = 0x01|0x10; (2,2)+(3,3) = 0x04|0x80 */
    assert_string_equal(ROW(c, 0), "\xe2\xa0\x91\xe2\xa2\x84");
    canvas_free(c);

    Canvas *a = canvas_new(3, 2, 1);
    assert_int_equal(dotgrid_init(&g, a, (Rect){0, 0, 3, 2}), 0);
    assert_int_equal(g.dw, 3);
    assert_int_equal(g.dh, 2);
    dotgrid_line(&g, 0, 1, 2, 1, ROLE_SERIES1);
    dotgrid_flush(&g);
    assert_string_equal(ROW(a, 0), "");
    assert_string_equal(ROW(a, 1), "***");
    canvas_free(a);
}

static void test_dotgrid_clipped_to_canvas(void **state)
{
    (void)state;
    Canvas *c = canvas_new(2, 2, 0);
    DotGrid g;
    /* a rect larger than the canvas is clipped to it */
    assert_int_equal(dotgrid_init(&g, c, (Rect){1, 1, 10, 10}), 0);
    assert_int_equal(g.dw, 2);
    assert_int_equal(g.dh, 4);
    dotgrid_line(&g, -50, -50, 50, 50, ROLE_SERIES1);
    dotgrid_flush(&g);
    assert_int_equal(c->cells[0].ch, ' ');
    assert_true(c->cells[3].ch >= 0x2800 && c->cells[3].ch <= 0x28ff);
    canvas_free(c);
}

static void test_wrap(void **state)
{
    (void)state;
    char rowbuf[256];
    Canvas *c = canvas_new(10, 3, 0);
    int rows =
        canvas_wrap(c, (Rect){0, 0, 10, 3},
                    "the quick brown fox jumps over the dog", ROLE_ERROR);
    assert_int_equal(rows, 3);
    assert_string_equal(ROW(c, 0), "the quick");
    assert_string_equal(ROW(c, 1), "brown fox");
    assert_string_equal(ROW(c, 2), "jumps ove\xe2\x80\xa6");
    assert_int_equal(c->cells[0].role, ROLE_ERROR);
    canvas_free(c);

    Canvas *d = canvas_new(5, 3, 0);
    rows = canvas_wrap(d, (Rect){0, 0, 5, 2}, "abcdefghijklmno", ROLE_ERROR);
    assert_int_equal(rows, 2);
    assert_string_equal(ROW(d, 0), "abcde");
    assert_string_equal(ROW(d, 1), "fghi\xe2\x80\xa6");
    assert_string_equal(ROW(d, 2), "");
    assert_int_equal(canvas_wrap(d, (Rect){0, 0, 0, 2}, "x", ROLE_ERROR), 0);
    canvas_clear(d, (Rect){0, 0, 5, 3}, ROLE_DEFAULT);
    assert_int_equal(canvas_wrap(d, (Rect){0, 0, 5, 3}, "ab cd", ROLE_ERROR),
                     1);
    assert_string_equal(ROW(d, 0), "ab cd");
    canvas_free(d);
}

/* UTF-8 of the half and full blocks big digits are drawn with */
#define UP "\xe2\x96\x80"   /* ▀ */
#define DOWN "\xe2\x96\x84" /* ▄ */
#define BOTH "\xe2\x96\x88" /* █ */

static void test_bigtext_fits(void **state)
{
    (void)state;
    char rowbuf[256];
    Canvas *c = canvas_new(11, 3, 0);
    assert_int_equal(canvas_bigtext(c, (Rect){0, 0, 11, 3}, "12", ROLE_OK), 0);
    /* 3x5 pixels a glyph, two pixel rows a cell; "12" is 7 columns wide,
     * centred from column 2. "1" = .#. ##. .#. .#. ###,
     * "2" = ### ..# ### #.. ### */
    assert_string_equal(ROW(c, 0), "  " DOWN BOTH "  " UP UP BOTH);
    assert_string_equal(ROW(c, 1), "   " BOTH "  " BOTH UP UP);
    assert_string_equal(ROW(c, 2), "  " UP UP UP " " UP UP UP);
    assert_int_equal(c->cells[3].role, ROLE_OK);
    canvas_free(c);

    Canvas *a = canvas_new(9, 3, 1);
    assert_int_equal(canvas_bigtext(a, (Rect){0, 0, 9, 3}, "7.5", ROLE_OK), 0);
    /* ASCII: seven-segment glyphs; '.' is one column wide */
    assert_string_equal(ROW(a, 0), " _     _");
    assert_string_equal(ROW(a, 1), "  |   |_");
    assert_string_equal(ROW(a, 2), "  | .  _|");
    canvas_free(a);

    /* characters not in the font are drawn small on the last row */
    Canvas *d = canvas_new(6, 3, 1);
    assert_int_equal(canvas_bigtext(d, (Rect){0, 0, 6, 3}, "1s", ROLE_OK), 0);
    assert_string_equal(ROW(d, 0), "");
    assert_string_equal(ROW(d, 1), "  |");
    assert_string_equal(ROW(d, 2), "  | s");
    canvas_free(d);
}

static void test_bigtext_does_not_fit(void **state)
{
    (void)state;
    char rowbuf[256];
    Canvas *c = canvas_new(5, 4, 0);
    assert_int_equal(canvas_bigtext(c, (Rect){0, 0, 5, 3}, "123", ROLE_OK), -1);
    assert_int_equal(canvas_bigtext(c, (Rect){0, 0, 5, 2}, "1", ROLE_OK), -1);
    assert_int_equal(canvas_bigtext(c, (Rect){0, 0, 5, 3}, "", ROLE_OK), -1);
    for (int y = 0; y < 4; y++)
        assert_string_equal(ROW(c, y), "");
    canvas_free(c);
}

static void test_bigtext_width(void **state)
{
    (void)state;
    assert_int_equal(canvas_bigtext_width("12"), 7);
    assert_int_equal(canvas_bigtext_width("7.5"), 9);
    assert_int_equal(canvas_bigtext_width("1s"), 5);
    assert_int_equal(canvas_bigtext_width("12:30"), 17);
    assert_int_equal(canvas_bigtext_width(""), 0);
    /* canvas_bigtext draws exactly when the width fits */
    static const char *const texts[] = {"12", "7.5", "1s", "-3,5%", "+1 k"};
    Canvas *c = canvas_new(40, 3, 0);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        int w = canvas_bigtext_width(texts[i]);
        assert_int_equal(
            canvas_bigtext(c, (Rect){0, 0, w - 1, 3}, texts[i], ROLE_OK), -1);
        assert_int_equal(
            canvas_bigtext(c, (Rect){0, 0, w, 3}, texts[i], ROLE_OK), 0);
    }
    canvas_free(c);
}

static void test_bigtext_scaled(void **state)
{
    (void)state;
    char rowbuf[256];
    /* scale 2: a pixel is 2 columns and a whole cell (two half rows) */
    Canvas *c = canvas_new(6, 5, 0);
    assert_int_equal(
        canvas_bigtext_scaled(c, (Rect){0, 0, 6, 5}, "1", ROLE_OK, 2), 0);
    assert_string_equal(ROW(c, 0), "  " BOTH BOTH);
    assert_string_equal(ROW(c, 1), BOTH BOTH BOTH BOTH);
    assert_string_equal(ROW(c, 2), "  " BOTH BOTH);
    assert_string_equal(ROW(c, 3), "  " BOTH BOTH);
    assert_string_equal(ROW(c, 4), BOTH BOTH BOTH BOTH BOTH BOTH);
    /* one row short or one column short: nothing drawn */
    canvas_clear(c, (Rect){0, 0, 6, 5}, ROLE_DEFAULT);
    assert_int_equal(
        canvas_bigtext_scaled(c, (Rect){0, 0, 6, 4}, "1", ROLE_OK, 2), -1);
    assert_int_equal(
        canvas_bigtext_scaled(c, (Rect){0, 0, 5, 5}, "1", ROLE_OK, 2), -1);
    assert_string_equal(ROW(c, 0), "");
    canvas_free(c);

    /* scale 3: pixel rows take three half rows, so "-" (pixel row 2, half
     * rows 6..8) is a full row and an upper half row */
    Canvas *d = canvas_new(9, 8, 0);
    assert_int_equal(
        canvas_bigtext_scaled(d, (Rect){0, 0, 9, 8}, "-", ROLE_OK, 3), 0);
    assert_string_equal(ROW(d, 2), "");
    assert_string_equal(ROW(d, 3),
                        BOTH BOTH BOTH BOTH BOTH BOTH BOTH BOTH BOTH);
    assert_string_equal(ROW(d, 4), UP UP UP UP UP UP UP UP UP);
    assert_string_equal(ROW(d, 5), "");
    canvas_free(d);

    /* ASCII: '#' for a lit cell; a character not in the font stays one
     * column, small, on the last row, `scale` columns after the digits */
    Canvas *a = canvas_new(12, 5, 1);
    assert_int_equal(
        canvas_bigtext_scaled(a, (Rect){0, 0, 12, 5}, "7s", ROLE_OK, 2), 0);
    /* 6 + 2 + 1 = 9 columns, centred from column 1 */
    assert_string_equal(ROW(a, 0), " ######");
    assert_string_equal(ROW(a, 1), "     ##");
    assert_string_equal(ROW(a, 4), "     ##  s");
    canvas_free(a);
}

static void test_bigtext_fit(void **state)
{
    (void)state;
    /* widths: 3 pixels a glyph (1 for '.', ',', ':' and ' '), a pixel
     * between glyphs; heights 3, 5, 8, 10, 13 rows */
    assert_int_equal(canvas_bigtext_width_scaled("42", 1), 7);
    assert_int_equal(canvas_bigtext_width_scaled("42", 3), 21);
    assert_int_equal(canvas_bigtext_width_scaled("9.5 h", 2),
                     6 + 2 + 2 + 2 + 6 + 2 + 2 + 2 + 1);
    assert_int_equal(canvas_bigtext_height(1), 3);
    assert_int_equal(canvas_bigtext_height(2), 5);
    assert_int_equal(canvas_bigtext_height(3), 8);
    assert_int_equal(canvas_bigtext_height(5), 13);
    assert_int_equal(canvas_bigtext_height(0), 0);
    /* the largest scale inside both bounds */
    assert_int_equal(canvas_bigtext_fit("42", 100, 13, 16), 5);
    assert_int_equal(canvas_bigtext_fit("42", 28, 100, 16), 4);
    assert_int_equal(canvas_bigtext_fit("42", 28, 100, 3), 3);
    assert_int_equal(canvas_bigtext_fit("42", 6, 100, 16), 0);
    assert_int_equal(canvas_bigtext_fit("42", 100, 2, 16), 0);
    assert_int_equal(canvas_bigtext_fit("", 100, 100, 16), 0);
    /* what fit says fits is drawn, one more is refused */
    Canvas *c = canvas_new(60, 20, 0);
    for (int k = 1; k <= 5; k++) {
        int w = canvas_bigtext_width_scaled("-12.5%", k);
        int h = canvas_bigtext_height(k);
        assert_int_equal(canvas_bigtext_fit("-12.5%", w, h, 16), k);
        if (w <= 60 && h <= 20)
            assert_int_equal(canvas_bigtext_scaled(c, (Rect){0, 0, w, h},
                                                   "-12.5%", ROLE_OK, k),
                             0);
    }
    canvas_free(c);
}

static void test_row_text_trims_and_truncates(void **state)
{
    (void)state;
    char buf[8];
    Canvas *c = canvas_new(10, 1, 0);
    canvas_text(c, 0, 0, 10, "ab  cd", ROLE_DEFAULT, 0);
    assert_int_equal(canvas_row_text(c, 0, buf, sizeof buf), 6);
    assert_string_equal(buf, "ab  cd");
    /* cut by the buffer, then trimmed */
    assert_int_equal(canvas_row_text(c, 0, buf, 4), 2);
    assert_string_equal(buf, "ab");
    assert_int_equal(canvas_row_text(c, 0, buf, 6), 5);
    assert_string_equal(buf, "ab  c");
    assert_int_equal(canvas_row_text(c, 0, buf, 7), 6);
    assert_string_equal(buf, "ab  cd");
    assert_int_equal(canvas_row_text(c, 5, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    assert_int_equal(canvas_row_text(c, 0, buf, 0), 0);
    canvas_free(c);
}

static void test_clear_resize_and_empty(void **state)
{
    (void)state;
    char rowbuf[256];
    Canvas *c = canvas_new(0, 0, 0);
    assert_non_null(c);
    canvas_text(c, 0, 0, 5, "x", ROLE_DEFAULT, 0);
    canvas_put(c, 0, 0, 'x', ROLE_DEFAULT, 0);
    canvas_box(c, (Rect){0, 0, 5, 5}, ROLE_BORDER, "t", ROLE_TITLE);
    assert_int_equal(canvas_resize(c, 3, 2), 0);
    canvas_text(c, 0, 1, 3, "abc", ROLE_DEFAULT, 0);
    canvas_clear(c, (Rect){1, 1, 10, 10}, ROLE_DIM);
    assert_string_equal(ROW(c, 1), "a");
    assert_int_equal(c->cells[4].role, ROLE_DIM);
    Canvas *d = canvas_new(3, 2, 0);
    canvas_text(d, 0, 1, 3, "a", ROLE_DEFAULT, 0);
    d->cells[4].role = ROLE_DIM;
    d->cells[5].role = ROLE_DIM;
    assert_int_equal(canvas_differs(c, d, (Rect){0, 0, 3, 2}), 0);
    canvas_put(d, 2, 0, 'z', ROLE_DEFAULT, 0);
    assert_int_equal(canvas_differs(c, d, (Rect){0, 0, 3, 2}), 1);
    assert_int_equal(canvas_differs(c, d, (Rect){0, 1, 3, 1}), 0);
    canvas_free(c);
    canvas_free(d);
}

/* Labels: an end cut while it keeps them apart, else a middle cut the same
 * way for the whole set, else around where one differs. */
static void test_labels_stay_apart(void **state)
{
    (void)state;
    char buf[128];
    Canvas *c = canvas_new(40, 4, 0);
    assert_non_null(c);
    /* alone or apart: an end cut */
    canvas_label_text(c, "agent-runtime-h4n2v", 12, NULL, 0, buf, sizeof buf);
    assert_string_equal(buf, "agent-runti\xe2\x80\xa6");
    const char *svc[] = {"agent-runtime", "api-gateway", "auth-service"};
    canvas_label_text(c, svc[0], 7, svc, 3, buf, sizeof buf);
    assert_string_equal(buf, "agent-\xe2\x80\xa6");
    /* pods sharing their start: cut in the middle, all alike */
    const char *pods[] = {"agent-runtime-h4n2v", "agent-runtime-w8r6z",
                          "api-gateway-2xk7p"};
    char a[64], b[64], g[64];
    canvas_label_text(c, pods[0], 12, pods, 3, a, sizeof a);
    canvas_label_text(c, pods[1], 12, pods, 3, b, sizeof b);
    canvas_label_text(c, pods[2], 12, pods, 3, g, sizeof g);
    assert_string_not_equal(a, b);
    assert_string_not_equal(a, g);
    assert_string_equal(a, "agen\xe2\x80\xa6"
                           "e-h4n2v");
    assert_string_equal(b, "agen\xe2\x80\xa6"
                           "e-w8r6z");
    /* a common end too: the head grows until they part */
    const char *eps[] = {"agent-runtime-0:8000", "agent-runtime-1:8000",
                         "llm-router-0:8000", "llm-router-1:8000"};
    char out[4][64];
    for (int i = 0; i < 4; i++)
        canvas_label_text(c, eps[i], 8, eps, 4, out[i], sizeof out[i]);
    for (int i = 0; i < 4; i++)
        for (int j = i + 1; j < 4; j++)
            assert_string_not_equal(out[i], out[j]);
    assert_int_equal(canvas_text_width(out[0]), 8);
    /* equal names may read the same; short ones are whole */
    const char *same[] = {"Config change", "Config change", "x"};
    canvas_label_text(c, same[0], 8, same, 3, a, sizeof a);
    canvas_label_text(c, same[1], 8, same, 3, b, sizeof b);
    assert_string_equal(a, b);
    canvas_label_text(c, same[2], 8, same, 3, g, sizeof g);
    assert_string_equal(g, "x");
    /* drawn: the same text, within its columns */
    char rowbuf[256];
    assert_int_equal(
        canvas_label_among(c, 0, 0, 12, pods[1], pods, 3, ROLE_DEFAULT, 0), 12);
    assert_string_equal(ROW(c, 0), "agen\xe2\x80\xa6"
                                   "e-w8r6z");
    /* ASCII: '~' marks the cut */
    Canvas *ac = canvas_new(40, 2, 1);
    canvas_label_text(ac, pods[0], 12, pods, 3, buf, sizeof buf);
    assert_string_equal(buf, "agen~e-h4n2v");
    canvas_free(ac);
    canvas_free(c);
}

/* Without colour, series and states differ by glyph in UTF-8 too. */
static void test_mono_glyphs(void **state)
{
    (void)state;
    Canvas *c = canvas_new(4, 1, 0);
    assert_non_null(c);
    /* with colour: one disc, one fill */
    assert_int_equal(canvas_legend_mark(c, ROLE_SERIES1), 0x25cf);
    assert_int_equal(canvas_legend_mark(c, ROLE_SERIES2), 0x25cf);
    assert_int_equal(canvas_bar_fill(c, ROLE_SERIES2), 0x2588);
    c->mono = 1; /* without: a shape and a shade of its own each */
    uint32_t seen[ROLE_SERIES_COUNT];
    for (int i = 0; i < ROLE_SERIES_COUNT; i++) {
        seen[i] = canvas_legend_mark(c, (Role)(ROLE_SERIES1 + i));
        for (int j = 0; j < i; j++)
            assert_true(seen[i] != seen[j]);
    }
    assert_int_equal(canvas_bar_fill(c, ROLE_SERIES1), 0x2588);
    assert_int_equal(canvas_bar_fill(c, ROLE_SERIES2), 0x2593);
    assert_int_equal(canvas_bar_fill(c, ROLE_SERIES4), 0x2591);
    canvas_free(c);
    c = canvas_new(4, 1, 1); /* ASCII as before */
    assert_int_equal(canvas_legend_mark(c, ROLE_SERIES2),
                     canvas_series_glyph(ROLE_SERIES2));
    assert_int_equal(canvas_bar_fill(c, ROLE_SERIES2),
                     canvas_bar_glyph(ROLE_SERIES2));
    canvas_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_cut_with_ellipsis),
        cmocka_unit_test(test_text_fits_exactly),
        cmocka_unit_test(test_text_clipped_by_canvas_edges),
        cmocka_unit_test(test_text_right),
        cmocka_unit_test(test_wide_chars),
        cmocka_unit_test(test_overwriting_half_of_wide_char),
        cmocka_unit_test(test_control_chars_become_question_marks),
        cmocka_unit_test(test_ascii_mode),
        cmocka_unit_test(test_box_corners_and_title),
        cmocka_unit_test(test_hbar_eighths),
        cmocka_unit_test(test_vbar_and_spark_glyphs),
        cmocka_unit_test(test_dotgrid_braille_bits),
        cmocka_unit_test(test_dotgrid_clipped_to_canvas),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_bigtext_fits),
        cmocka_unit_test(test_bigtext_does_not_fit),
        cmocka_unit_test(test_bigtext_width),
        cmocka_unit_test(test_bigtext_scaled),
        cmocka_unit_test(test_bigtext_fit),
        cmocka_unit_test(test_row_text_trims_and_truncates),
        cmocka_unit_test(test_clear_resize_and_empty),
        cmocka_unit_test(test_labels_stay_apart),
        cmocka_unit_test(test_mono_glyphs),
    };
    return cmocka_run_group_tests(tests, setup_locale, NULL);
}
