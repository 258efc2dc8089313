/* fuzz_layout.c - libFuzzer harness of the layout loader: the input is a
 * dashboard file, YAML or Grafana JSON. Whatever it holds, loading ends in
 * a dashboard or in one clean error line; a dashboard loaded is placed and
 * drawn at two sizes with no answers yet. Titles, names, notes and drawn text
 * must be clean. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    LayoutError err;
    memset(&err, 0, sizeof err);
    Dashboard *d =
        layout_load_text("fuzz.yaml", NULL, (const char *)data, size, &err);
    if (!d) {
        if (!err.msg[0] || strchr(err.msg, '\n'))
            abort(); /* one line that says what */
        fuzz_clean(err.msg, 0);
        return 0;
    }
    fuzz_clean(d->name, 0);
    fuzz_clean(d->title, 0);
    for (int i = 0; i < d->nnotes; i++)
        fuzz_clean(d->notes[i], 0);
    for (int i = 0; i < d->npanels; i++)
        fuzz_clean(d->panels[i]->title, 0);

    Panel *panels = calloc((size_t)d->npanels + 1, sizeof *panels);
    int ready = 0;
    while (panels && ready < d->npanels &&
           panel_init(&panels[ready], d->panels[ready]) == 0)
        ready++;
    if (ready == d->npanels) {
        fuzz_draw(d, panels, 120, 40);
        fuzz_draw(d, panels, 23, 7);
    }
    for (int i = 0; i < ready; i++)
        panel_done(&panels[i]);
    free(panels);

    layout_free(d);
    return 0;
}
