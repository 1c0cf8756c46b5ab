/* story-test-ui.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "story-test-ui.h"

static char *tmp_home;
static guint wait_timeout_id;
static GMutex capture_lock;
static GString *captured_log;   /* (nullable) */

static gboolean
ignore_focus_warning (const char     *log_domain,
                      GLogLevelFlags  log_level,
                      const char     *message,
                      gpointer        user_data)
{
  /* Xvfb has no window manager, so GTK sometimes misses a focus-out it expected. */
  return strstr (message, "did not receive a focus-out event") == NULL;
}

/* GTK logs through the structured API, which g_test_log_set_fatal_handler()
 * never sees, so the focus-out warning above would still abort a test. */
static GLogWriterOutput
focus_warning_writer (GLogLevelFlags   log_level,
                      const GLogField *fields,
                      gsize            n_fields,
                      gpointer         user_data)
{
  g_mutex_lock (&capture_lock);
  if (captured_log != NULL)
    {
      for (gsize i = 0; i < n_fields; i++)
        {
          if (fields[i].length < 0)
            g_string_append_printf (captured_log, "%s=%s ", fields[i].key,
                                    (const char *)fields[i].value);
        }
      g_string_append_c (captured_log, '\n');

      /* Kept, not printed: debug output is on only to be captured. */
      if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
        {
          g_mutex_unlock (&capture_lock);
          return G_LOG_WRITER_HANDLED;
        }
    }
  g_mutex_unlock (&capture_lock);

  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 &&
        strstr (fields[i].value, "did not receive a focus-out event") != NULL)
      return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/**
 * story_test_capture_log:
 * @into: (nullable): where to add every message logged from now on, at any
 *   level, debug included (as with G_MESSAGES_DEBUG=all, but debug and info
 *   messages are not printed), from any thread; %NULL to stop
 *
 * Needs story_test_ignore_focus_warnings(), whose log writer does it.
 */
void
story_test_capture_log (GString *into)
{
  g_mutex_lock (&capture_lock);
  captured_log = into;
  g_mutex_unlock (&capture_lock);
  /* As G_MESSAGES_DEBUG=all would. */
  g_log_set_debug_enabled (into != NULL);
}

/**
 * story_test_ignore_focus_warnings:
 *
 * Lets the focus-out warning GTK gives under Xvfb (no window manager) pass
 * without failing the test, whichever logging API it comes through. Call
 * once, before anything is logged.
 */
void
story_test_ignore_focus_warnings (void)
{
  g_test_log_set_fatal_handler (ignore_focus_warning, NULL);
  g_log_set_writer_func (focus_warning_writer, NULL, NULL);
}

/**
 * story_test_ui_init:
 *
 * Isolates HOME and the XDG folders once for the process (WebKit keeps
 * using its folders, so not per test), starts GTK and libadwaita.
 *
 * Returns: %FALSE when there is no display and the tests should be skipped
 */
gboolean
story_test_ui_init (int    *argc,
                    char ***argv)
{
  const char *env_vars[] = { "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME",
                             "XDG_STATE_HOME", NULL };
  g_autoptr(GError) error = NULL;

  tmp_home = g_dir_make_tmp ("storyline-ui-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", tmp_home, TRUE);
  for (guint i = 0; env_vars[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (tmp_home, env_vars[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (env_vars[i], dir, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_init (argc, argv, NULL);
  g_set_prgname ("storyline-tests");
  story_test_ignore_focus_warnings ();

  if (!gtk_init_check ())
    {
      if (g_strcmp0 (g_getenv ("STORY_REQUIRE_DISPLAY"), "1") == 0)
        g_error ("No display, but STORY_REQUIRE_DISPLAY=1");
      g_test_skip ("No display: UI tests need Xvfb");
      return FALSE;
    }

  adw_init ();
  return TRUE;
}

const char *
story_test_ui_get_home (void)
{
  return tmp_home;
}

void
story_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        story_test_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

void
story_test_ui_cleanup (void)
{
  if (tmp_home != NULL)
    story_test_remove_tree (tmp_home);
  g_clear_pointer (&tmp_home, g_free);
}

static gboolean
wait_timeout_cb (gpointer user_data)
{
  g_error ("Timed out waiting for %s", (const char *)user_data);
  return G_SOURCE_REMOVE;
}

void
story_test_wait_timeout_start (const char *what)
{
  g_assert (wait_timeout_id == 0);
  wait_timeout_id = g_timeout_add_seconds (30, wait_timeout_cb, (gpointer)what);
}

void
story_test_wait_timeout_stop (void)
{
  g_clear_handle_id (&wait_timeout_id, g_source_remove);
}

static gboolean
settled_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the main loop run for a while, for things that must NOT happen. */
void
story_test_settle (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, settled_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  char     *value;
  gboolean  done;
} JsResult;

static void
js_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  JsResult *js = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  g_assert_no_error (error);
  js->value = jsc_value_to_string (value);
  js->done = TRUE;
}

/* Runs @script in the page (page scripts are off; this is the test's own). */
char *
story_test_run_js (WebKitWebView *web_view,
                   const char    *script)
{
  JsResult js = { NULL, FALSE };

  webkit_web_view_evaluate_javascript (web_view, script, -1, NULL, NULL, NULL, js_done_cb, &js);
  STORY_TEST_WAIT_UNTIL (js.done);

  return js.value;
}

gboolean
story_test_web_view_idle (WebKitWebView *web_view)
{
  const char *uri = webkit_web_view_get_uri (web_view);

  return !webkit_web_view_is_loading (web_view) && uri != NULL &&
         g_strcmp0 (uri, "about:blank") != 0;
}

/**
 * story_test_find_widget:
 * @drawable_only: skip widgets that are not on screen (another stack page)
 *
 * Returns: (transfer none) (nullable): the first widget of @type under
 *   @root, depth first
 */
GtkWidget *
story_test_find_widget (GtkWidget *root,
                        GType      type,
                        gboolean   drawable_only)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (!drawable_only || gtk_widget_is_drawable (root)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = story_test_find_widget (child, type, drawable_only);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * story_test_press_key:
 *
 * Runs the shortcut that @window's shortcut controllers bind to @keyval
 * and @modifiers, as a key press would: GTK 4 cannot synthesize key
 * events, so this drives the same GtkShortcut objects the keyboard does.
 *
 * Returns: whether a shortcut took the key (%FALSE lets it through to the
 *   focused widget, e.g. while typing)
 */
gboolean
story_test_press_key (GtkWidget       *window,
                      guint            keyval,
                      GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, window,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  g_error ("No shortcut for %s", gtk_accelerator_name (keyval, modifiers));
  return FALSE;
}

#define SAMPLE_FEED_URI "resource:///io/github/storyline/Storyline/sample/feed.json"

/**
 * story_test_sample_set_up:
 * @db_name: the cache's file name in the test home
 *
 * Syncs the bundled sample into a new cache and shows a window on it, once
 * its themes are listed.
 */
void
story_test_sample_set_up (StoryTestSample *sample,
                          const char      *db_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StorySource) source = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  gint64 id;

  sample->db = g_build_filename (story_test_ui_get_home (), db_name, NULL);
  sample->store = story_store_new (sample->db, &error);
  g_assert_no_error (error);
  source = story_store_add_source (sample->store, "json-feed", SAMPLE_FEED_URI, NULL, &error);
  g_assert_no_error (error);
  id = story_source_get_id (source);
  sample->manager = story_sync_manager_new (sample->store);
  reports = story_sync_manager_sync (sample->manager, &id, 1, NULL);
  g_assert_no_error (((StorySyncReport *)g_ptr_array_index (reports, 0))->error);

  sample->settings = g_settings_new (APP_ID);
  sample->window = story_window_new (NULL, sample->store, sample->manager, sample->settings);
  gtk_window_present (GTK_WINDOW (sample->window));
  STORY_TEST_WAIT_UNTIL (g_list_model_get_n_items (story_window_get_themes (sample->window)) > 1);
}

/* Closes the window and any dialog a test left open, removes the cache, and
 * resets every preference, so the next test starts as a first run. */
void
story_test_sample_tear_down (StoryTestSample *sample)
{
  g_autofree char *wal = g_strconcat (sample->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (sample->db, "-shm", NULL);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  g_list_free (toplevels);

  gtk_window_destroy (GTK_WINDOW (sample->window));
  g_clear_object (&sample->manager);
  g_clear_object (&sample->store);

  g_object_get (sample->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (sample->settings, keys[i]);
  g_clear_object (&sample->settings);

  g_remove (sample->db);
  g_remove (wal);
  g_remove (shm);
  g_clear_pointer (&sample->db, g_free);
}
