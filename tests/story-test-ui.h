/* story-test-ui.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What every UI test needs: an isolated home, Xvfb or a clean skip, waiting
 * on the main loop, and reading the reading pane back with JavaScript. */

#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

#include "story-window.h"

G_BEGIN_DECLS

gboolean    story_test_ui_init            (int           *argc,
                                           char        ***argv);
const char *story_test_ui_get_home        (void);
void        story_test_ui_cleanup         (void);
void        story_test_ignore_focus_warnings (void);
void        story_test_capture_log        (GString       *into);
void        story_test_remove_tree        (const char    *path);
void        story_test_wait_timeout_start (const char    *what);
void        story_test_wait_timeout_stop  (void);
void        story_test_settle             (guint          milliseconds);
char       *story_test_run_js             (WebKitWebView *web_view,
                                           const char    *script);
gboolean    story_test_web_view_idle      (WebKitWebView *web_view);
GtkWidget  *story_test_find_widget        (GtkWidget     *root,
                                           GType          type,
                                           gboolean       drawable_only);
gboolean    story_test_press_key          (GtkWidget     *window,
                                           guint          keyval,
                                           GdkModifierType modifiers);

/* A window over a fresh cache synced from the bundled sample. */
typedef struct
{
  StoryStore       *store;
  StorySyncManager *manager;
  GSettings        *settings;
  StoryWindow      *window;
  char             *db;
} StoryTestSample;

void        story_test_sample_set_up      (StoryTestSample *sample,
                                           const char      *db_name);
void        story_test_sample_tear_down   (StoryTestSample *sample);

/* Spins the main loop until @condition holds, failing after 30 seconds. */
#define STORY_TEST_WAIT_UNTIL(condition) \
  G_STMT_START { \
    story_test_wait_timeout_start (#condition); \
    while (!(condition)) \
      g_main_context_iteration (NULL, TRUE); \
    story_test_wait_timeout_stop (); \
  } G_STMT_END

G_END_DECLS
