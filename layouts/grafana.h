/* grafana.h - Grafana dashboards both ways: the reader turns a dashboard's
 * JSON (the Classic model, any schemaVersion Grafana still migrates, plain,
 * in the HTTP API's {"dashboard": ...} wrapper or the v1 resource's `spec`)
 * into promboard layout YAML, noting everything it could not map exactly;
 * the writer turns a loaded Dashboard into Grafana JSON. */
#ifndef PROMBOARD_GRAFANA_H
#define PROMBOARD_GRAFANA_H

#include <stddef.h>

#include "layout.h"

/* What the reader says besides the YAML: one note per thing not drawn
 * exactly as Grafana would ("panels[12].fieldConfig.overrides[3]: property
 * custom.lineStyle ignored"), and where each panel's YAML starts, to name
 * a loader error by the JSON path it came from. */
typedef struct {
    char **notes; /* "JSON path: what", in the order met */
    int nnotes;
    int *mark_line;   /* YAML line (1-based) where ... */
    char **mark_path; /* ... the text converted from this JSON path starts */
    int nmarks;
} GrafanaInfo;

#define GRAFANA_MAX_BYTES (16 * 1024 * 1024) /* larger files are refused */

/* 1 when `text` reads as a Grafana dashboard rather than a layout: a JSON
 * object (first non-blank byte '{') holding one of the keys a dashboard,
 * its wrappers or an export have at the top. */
int grafana_is_dashboard(const char *text, size_t len);

/* Converts Grafana dashboard JSON `text` (len bytes) read from `file` into
 * promboard layout YAML (malloc'd, NUL-terminated), whose short name is
 * `name` (NULL: from the file name). Fills *info (free it with
 * grafana_info_free, also after a failure). Returns NULL and fills *err
 * when the text is not a dashboard promboard can read: invalid JSON
 * (file:line:col), the v2 resource model, no panels. */
char *grafana_to_yaml(const char *file, const char *name, const char *text,
                      size_t len, GrafanaInfo *info, LayoutError *err);

/* The JSON path whose converted text holds YAML line `line`, or NULL. */
const char *grafana_info_path(const GrafanaInfo *info, int line);

void grafana_info_free(GrafanaInfo *info);

/* Writes dashboard d as Grafana dashboard JSON (schemaVersion 39, ready to
 * provision): malloc'd text, or NULL on OOM. */
char *grafana_from_dashboard(const Dashboard *d);

#endif
