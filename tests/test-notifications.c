/* test-notifications.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A sync that brings new articles in followed themes says so in one
 * notification that sums them up, and a click opens the first article.
 * The last test sends it through a GApplication to a notification server
 * the test runs on the session bus, and clicks it from there. */

#include "config.h"

#include "story-application.h"

static StoryArticle *
article_new (gint64      id,
             const char *title)
{
  StoryArticle *article = story_article_new ();

  story_article_set_id (article, id);
  story_article_set_title (article, title);
  return article;
}

static void
test_one (void)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  g_ptr_array_add (articles, article_new (42, "Nightline ridership beats forecasts"));
  g_assert_cmpint (story_application_summarize_new_articles (articles, &title, &body), ==, 42);
  g_assert_cmpstr (title, ==, "1 new article in followed themes");
  g_assert_cmpstr (body, ==, "Nightline ridership beats forecasts");

  notification = story_application_build_new_articles_notification (articles);
  g_assert_true (G_IS_NOTIFICATION (notification));
}

static void
test_many_summarised (void)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  g_ptr_array_add (articles, article_new (7, "Rain at last"));
  g_ptr_array_add (articles, article_new (8, "Cooling centres"));
  g_ptr_array_add (articles, article_new (9, NULL));

  /* One notification for the sync, not one per article; it opens the first. */
  g_assert_cmpint (story_application_summarize_new_articles (articles, &title, &body), ==, 7);
  g_assert_cmpstr (title, ==, "3 new articles in followed themes");
  g_assert_cmpstr (body, ==, "“Rain at last” and 2 more");
}

static StoryTheme *
theme_new (gint64        id,
           StoryArticle *first,
           StoryArticle *second)
{
  StoryTheme *theme = story_theme_new ();
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);

  story_theme_set_id (theme, id);
  g_ptr_array_add (articles, first);
  if (second != NULL)
    g_ptr_array_add (articles, second);
  story_theme_set_article_list (theme, articles);
  return theme;
}

/* Only followed themes, only articles newer than the last look; the next
 * look starts from the newest article of any theme. */
static void
test_collect_followed (void)
{
  g_autoptr(GPtrArray) themes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GPtrArray) again = NULL;
  const gint64 followed[] = { 2 };
  gint64 newest = 10;

  g_ptr_array_add (themes, theme_new (1, article_new (12, "Unfollowed and new"), NULL));
  g_ptr_array_add (themes, theme_new (2, article_new (11, "Followed and new"),
                                      article_new (9, "Followed but seen")));

  fresh = story_application_collect_new_articles (themes, followed, G_N_ELEMENTS (followed),
                                                  &newest);
  g_assert_cmpuint (fresh->len, ==, 1);
  g_assert_cmpstr (story_article_get_title (g_ptr_array_index (fresh, 0)), ==, "Followed and new");
  g_assert_cmpint (newest, ==, 12);

  /* Nothing is new twice. */
  again = story_application_collect_new_articles (themes, followed, G_N_ELEMENTS (followed),
                                                  &newest);
  g_assert_cmpuint (again->len, ==, 0);
}

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "    <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "  </interface>"
  "</node>";

typedef struct
{
  guint  n_notify;
  char  *summary;
  char  *body;
  char **actions;
  gint64 opened;
} Server;

static void
server_method_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  Server *server = user_data;

  if (g_str_equal (method_name, "Notify"))
    {
      server->n_notify++;
      g_clear_pointer (&server->summary, g_free);
      g_clear_pointer (&server->body, g_free);
      g_clear_pointer (&server->actions, g_strfreev);
      g_variant_get (parameters, "(&su&ss&s^as@a{sv}i)", NULL, NULL, NULL, &server->summary,
                     &server->body, &server->actions, NULL, NULL);
      server->summary = g_strdup (server->summary);
      server->body = g_strdup (server->body);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", 7));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "test", "storyline", "1",
                                                          "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
open_article_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  Server *server = user_data;

  server->opened = g_variant_get_int64 (parameter);
}

static gboolean
wait_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main loop until @done holds or five seconds passed. */
static gboolean
spin_until (gboolean (*done) (Server *server),
            Server    *server)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (5, wait_cb, &timed_out);

  while (!done (server) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);

  return done (server);
}

static gboolean
notified (Server *server)
{
  return server->n_notify > 0;
}

static gboolean
opened (Server *server)
{
  return server->opened != 0;
}

/* Through a GApplication, as after a sync: the server gets one summary
 * with a default action, and clicking it runs app.open-article with the
 * first article's id. */
static void
test_sent_and_clicked (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GApplication) app = NULL;
  g_autoptr(GSimpleAction) open_article = NULL;
  g_autoptr(GPtrArray) themes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GNotification) notification = NULL;
  const gint64 followed[] = { 3 };
  gint64 newest = 40;
  Server server = { 0 };
  guint object_id;
  guint owner_id;

  if (bus == NULL)
    {
      g_test_skip ("No session bus");
      return;
    }

  info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  object_id = g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                                 info->interfaces[0],
                                                 &(GDBusInterfaceVTable) { server_method_cb },
                                                 &server, NULL, &error);
  g_assert_no_error (error);
  owner_id = g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications",
                                           G_BUS_NAME_OWNER_FLAGS_REPLACE, NULL, NULL, NULL,
                                           NULL);

  app = g_application_new ("io.github.storyline.Storyline.NotificationTest",
                           G_APPLICATION_DEFAULT_FLAGS);
  open_article = g_simple_action_new ("open-article", G_VARIANT_TYPE_INT64);
  g_signal_connect (open_article, "activate", G_CALLBACK (open_article_cb), &server);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (open_article));
  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);

  g_ptr_array_add (themes, theme_new (3, article_new (41, "Halcyon heads home"),
                                      article_new (42, "A new snailfish")));
  fresh = story_application_collect_new_articles (themes, followed, G_N_ELEMENTS (followed),
                                                  &newest);
  notification = story_application_build_new_articles_notification (fresh);
  g_application_send_notification (app, "new-articles", notification);

  g_assert_true (spin_until (notified, &server));
  g_assert_cmpuint (server.n_notify, ==, 1);
  g_assert_cmpstr (server.summary, ==, "2 new articles in followed themes");
  g_assert_cmpstr (server.body, ==, "“Halcyon heads home” and 1 more");
  g_assert_true (g_strv_contains ((const char * const *)server.actions, "default"));

  /* The user clicks the notification. */
  g_dbus_connection_emit_signal (bus, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", 7, "default"), &error);
  g_assert_no_error (error);
  g_assert_true (spin_until (opened, &server));
  g_assert_cmpint (server.opened, ==, 41);

  g_bus_unown_name (owner_id);
  g_dbus_connection_unregister_object (bus, object_id);
  g_free (server.summary);
  g_free (server.body);
  g_strfreev (server.actions);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  /* The freedesktop.org backend talks to the test's own server. */
  g_setenv ("GNOTIFICATION_BACKEND", "freedesktop", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/notifications/summary/one", test_one);
  g_test_add_func ("/notifications/summary/many", test_many_summarised);
  g_test_add_func ("/notifications/collect/followed-and-new", test_collect_followed);
  g_test_add_func ("/notifications/sent/clicked-opens-article", test_sent_and_clicked);

  return g_test_run ();
}
