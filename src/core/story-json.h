/* story-json.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Typed accessors that never trust the server: each returns NULL (or the
 * default) when the member is missing, null or of another type. */
const char *story_json_get_string  (JsonObject *object,
                                    const char *member);
JsonObject *story_json_get_object  (JsonObject *object,
                                    const char *member);
JsonArray  *story_json_get_array   (JsonObject *object,
                                    const char *member);
gboolean    story_json_get_boolean (JsonObject *object,
                                    const char *member,
                                    gboolean    default_value);
char       *story_json_dup_id      (JsonObject *object,
                                    const char *member);
JsonObject *story_json_node_object (JsonNode   *node);
gsize       story_json_skip_string_text (const char *data,
                                         gsize       i,
                                         gsize       size);

G_END_DECLS
