/* kinds.c - every panel kind, found by its YAML name. A new kind is one file
 * and one line here. */
#include "panel.h"

extern const PanelClass stat_class, gauge_class, timeseries_class, table_class,
    heatmap_class, statusgrid_class, timeline_class;
extern const PanelClass bar_class, bargauge_class, pie_class, histogram_class;
extern const PanelClass treemap_class, alertlist_class, multistat_class,
    text_class;

const PanelClass *const panel_kinds[] = {
    &stat_class,      &gauge_class,      &timeseries_class, &table_class,
    &heatmap_class,   &statusgrid_class, &timeline_class,   &treemap_class,
    &alertlist_class, &multistat_class,  &text_class,       &bar_class,
    &bargauge_class,  &pie_class,        &histogram_class,  NULL,
};
