/* story-sidebar-row.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STORY_TYPE_SIDEBAR_ROW (story_sidebar_row_get_type ())
G_DECLARE_FINAL_TYPE (StorySidebarRow, story_sidebar_row, STORY, SIDEBAR_ROW, GtkWidget)

GtkWidget *story_sidebar_row_new      (void);
void       story_sidebar_row_set_item (StorySidebarRow *self,
                                       GObject         *item);
void       story_sidebar_row_set_highlight (StorySidebarRow    *self,
                                            const char * const *terms);
GObject   *story_sidebar_row_get_item       (StorySidebarRow    *self);
void       story_sidebar_row_update_read_state (StorySidebarRow *self);
const char *story_sidebar_row_get_theme_time (StorySidebarRow   *self);

G_END_DECLS
