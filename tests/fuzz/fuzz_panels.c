/* fuzz_panels.c - libFuzzer harness of the panel kinds: the input is one
 * answer body, as a server might send it to any query; a dashboard with a
 * panel of every kind (two queries each, where the kind takes them) gets
 * it as the answer of every instant and range query, and draws it at a
 * size the input picks and at 80x24, in Unicode and in ASCII. What is
 * drawn must be clean text. */
#include "fuzz.h"

#include <stdio.h>

#include "datasource/promjson.h"

static Dashboard *dash;

/* Adds a panel of kind `kind` to the layout text at *b (*len bytes long),
 * with the first of these forms the loader takes. */
static void add_kind(char **b, size_t *len, const char *kind)
{
    static const char two[] = "      - {title: %s, kind: %s, queries: "
                              "[{expr: up}, {expr: 'rate(x[5m])', legend: "
                              "'{{job}} {{instance}}'}]}\n";
    static const char *const forms[] = {
        two,
        "      - {title: %s, kind: %s, query: up}\n",
        "      - {title: %s, kind: %s, content: '# T\\n\\nbody'}\n",
        "      - {title: %s, kind: %s}\n",
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        char row[300], *trial;
        snprintf(row, sizeof row, forms[i], kind, kind);
        size_t n = strlen(row);
        if (!(trial = malloc(*len + n + 1)))
            abort();
        memcpy(trial, *b, *len);
        memcpy(trial + *len, row, n + 1);
        LayoutError err;
        Dashboard *d =
            layout_load_text("kinds.yaml", "kinds", trial, *len + n, &err);
        if (d) {
            layout_free(d);
            free(*b);
            *b = trial;
            *len += n;
            return;
        }
        free(trial);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *head = "title: Kinds\nrows:\n  - panels:\n"
                       "      - {title: first, kind: stat, query: up}\n";
    size_t len = strlen(head);
    char *b = malloc(len + 1);
    if (!b)
        abort();
    memcpy(b, head, len + 1);
    for (int i = 0; panel_kinds[i]; i++)
        add_kind(&b, &len, panel_kinds[i]->name);
    LayoutError err;
    dash = layout_load_text("kinds.yaml", "kinds", b, len, &err);
    free(b);
    if (!dash) {
        fprintf(stderr, "fuzz_panels: %s\n", err.msg);
        abort();
    }
    fprintf(stderr, "fuzz_panels: %d panels of every kind\n", dash->npanels);
    return 0;
}

/* Gives r to every query slot the panel uses (shared: taken back before
 * the panel is freed). */
static void answer(Panel *p, const Result *r)
{
    for (int i = 0; i < p->conf->nqueries; i++) {
        QueryState *st[2] = {&p->qs[i].inst, &p->qs[i].range};
        for (int k = 0; k < 2; k++) {
            if (!st[k]->used)
                continue;
            st[k]->res = *r;
            st[k]->ok_at = st[k]->sent_at = FUZZ_NOW;
            st[k]->answered = 1;
            st[k]->q.time = FUZZ_NOW;
            st[k]->q.start = FUZZ_NOW - 3600;
            st[k]->q.end = FUZZ_NOW;
            st[k]->q.step = 60;
        }
    }
}

static void take_back(Panel *p)
{
    for (int i = 0; i < p->conf->nqueries; i++) {
        memset(&p->qs[i].inst.res, 0, sizeof p->qs[i].inst.res);
        memset(&p->qs[i].range.res, 0, sizeof p->qs[i].range.res);
    }
}

/* Draws every panel alone in a w x h canvas, in Unicode and in ASCII,
 * and checks the text. */
static void draw_each(Panel *panels, int n, int w, int h)
{
    for (int ascii = 0; ascii < 2; ascii++) {
        Canvas *c = canvas_new(w, h, ascii);
        if (!c)
            return;
        DrawCtx ctx = {.now = FUZZ_NOW,
                       .wall = FUZZ_NOW + 5,
                       .range = 3600,
                       .compact = w < 20 || h < 5,
                       .kiosk = ascii};
        for (int i = 0; i < n; i++) {
            canvas_clear(c, (Rect){0, 0, w, h}, ROLE_DEFAULT);
            panel_draw(&panels[i], c, (Rect){0, 0, w, h}, &ctx);
            fuzz_canvas_clean(c);
        }
        canvas_free(c);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Result r = {0};
    promjson_parse((const char *)data, size, 200, &r);
    if (r.error) {
        result_free(&r);
        return 0; /* refused answers are drawn as an error line only */
    }
    Panel *panels = calloc((size_t)dash->npanels, sizeof *panels);
    int ready = 0;
    while (panels && ready < dash->npanels &&
           panel_init(&panels[ready], dash->panels[ready]) == 0) {
        answer(&panels[ready], &r);
        ready++;
    }
    if (ready == dash->npanels) {
        /* a size from the input, so that mutations try other sizes */
        uint32_t h = 2166136261u;
        for (size_t i = 0; i < size; i++)
            h = (h ^ data[i]) * 16777619u;
        draw_each(panels, ready, 1 + (int)(h % 160), 1 + (int)(h >> 8) % 50);
        draw_each(panels, ready, 60, 16);
    }
    for (int i = 0; i < ready; i++) {
        take_back(&panels[i]);
        panel_done(&panels[i]);
    }
    free(panels);
    result_free(&r);
    return 0;
}
