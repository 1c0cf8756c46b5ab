/* test-crash.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A sync killed with SIGKILL at random points never costs an article and
 * never leaves a damaged cache: storyline-cli syncs a large loopback source
 * in a child process, the test kills it, then checks the database. And the
 * next start shows everything it had, as the reader left it, and finishes
 * the sync. */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#define N_ROUNDS 20

static guint round_number;
static guint n_base_items = 4000;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  GString *feed = g_string_new ("{\"version\":\"https://jsonfeed.org/version/1.1\","
                                "\"title\":\"Crash Test Daily\",\"items\":[");
  /* The feed grows every round, and older items change, so each sync writes. */
  guint n_items = n_base_items + round_number * 150;

  for (guint i = 0; i < n_items; i++)
    g_string_append_printf (feed,
                            "%s{\"id\":\"item-%u\",\"title\":\"Story %u, revision %u\","
                            "\"tags\":[\"Topic %u\"],\"date_published\":\"2026-11-%02uT08:00:00Z\","
                            "\"content_html\":\"<p>Paragraph one of story %u.</p>"
                            "<p>Paragraph two, with <a href='https://example.test/%u'>a link</a> "
                            "and more words to sanitize and index, revision %u.</p>\"}",
                            i > 0 ? "," : "", i, i, round_number % 3, i % 40, 1 + i % 27, i, i,
                            round_number % 3);
  g_string_append (feed, "]}");

  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_TAKE,
                                    feed->str, feed->len);
  g_string_free (feed, FALSE);
}

static gboolean
kill_cb (gpointer user_data)
{
  GPid pid = GPOINTER_TO_INT (user_data);

  kill (pid, SIGKILL);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  gboolean exited;
  int      status;
} Child;

static void
child_exited_cb (GPid     pid,
                 int      status,
                 gpointer user_data)
{
  Child *child = user_data;

  child->exited = TRUE;
  child->status = status;
  g_spawn_close_pid (pid);
}

static void
run_cli (const char * const *args,
         guint               kill_after_ms,
         Child              *child)
{
  g_autoptr(GError) error = NULL;
  GPid pid;

  /* Their output would mix with the TAP stream. */
  g_assert_true (g_spawn_async (NULL, (char **)args, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                &pid, &error));
  g_assert_no_error (error);

  child->exited = FALSE;
  g_child_watch_add (pid, child_exited_cb, child);
  if (kill_after_ms > 0)
    g_timeout_add (kill_after_ms, kill_cb, GINT_TO_POINTER (pid));

  while (!child->exited)
    g_main_context_iteration (NULL, TRUE);
}

/* Returns the remote ids in the cache, after checking its integrity. */
static GHashTable *
check_database (const char *path)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return ids;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  /* The search index agrees with the articles it indexes. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  if (sqlite3_prepare_v2 (db, "SELECT remote_id FROM articles", -1, &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);
  return ids;
}

static void
test_kill_during_sync (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("storyline-crash-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "storyline.db", NULL);
  g_autofree char *base = NULL;
  g_autofree char *feed_url = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261127);
  const char *cli = g_getenv ("STORYLINE_CLI");
  guint n_killed_mid_sync = 0;
  Child child;
  GSList *uris;

  g_assert_nonnull (cli);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);

  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  feed_url = g_strconcat (base, "feed.json", NULL);

  {
    const char *add[] = { cli, "--db", db, "add-source", feed_url, NULL };

    run_cli (add, 0, &child);
    g_assert_true (WIFEXITED (child.status) && WEXITSTATUS (child.status) == 0);
  }

  before = check_database (db);

  for (round_number = 0; round_number < N_ROUNDS; round_number++)
    {
      const char *sync[] = { cli, "--db", db, "sync", NULL };
      g_autoptr(GHashTable) after = NULL;
      GHashTableIter iter;
      gpointer id;

      run_cli (sync, g_rand_int_range (rand, 10, 450), &child);
      if (WIFSIGNALED (child.status))
        n_killed_mid_sync++;

      /* Whole, and every article it held before is still there. */
      after = check_database (db);
      g_hash_table_iter_init (&iter, before);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        g_assert_true (g_hash_table_contains (after, id));

      g_test_message ("round %u: %s, %u articles", round_number,
                      WIFSIGNALED (child.status) ? "killed" : "finished",
                      g_hash_table_size (after));
      g_clear_pointer (&before, g_hash_table_unref);
      before = g_steal_pointer (&after);
    }

  /* Most rounds really were cut short. */
  g_assert_cmpuint (n_killed_mid_sync, >=, N_ROUNDS / 2);

  /* A sync that is left to finish brings everything. */
  {
    const char *sync[] = { cli, "--db", db, "sync", NULL };
    g_autoptr(GHashTable) final = NULL;

    round_number = N_ROUNDS;
    run_cli (sync, 0, &child);
    g_assert_true (WIFEXITED (child.status) && WEXITSTATUS (child.status) == 0);
    final = check_database (db);
    g_assert_cmpuint (g_hash_table_size (final), ==, 4000 + N_ROUNDS * 150);
  }

  soup_server_disconnect (server);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_cmpint (system (command), ==, 0);
  }
}

/* What a restarted storyline-cli lists, through the same core as the app:
 * remote id → the article's JSON object. */
static GHashTable *
list_through_cli (const char *cli,
                  const char *db)
{
  const char *list[] = { cli, "--db", db, "--json", "list", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  GHashTable *articles;
  JsonArray *array;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)list, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);

  articles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify)json_object_unref);
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *article = json_array_get_object_element (array, i);

      g_hash_table_insert (articles, g_strdup (json_object_get_string_member (article,
                                                                              "remote_id")),
                           json_object_ref (article));
    }

  return articles;
}

static void
assert_read_and_starred (GHashTable *articles,
                         const char *remote_id)
{
  JsonObject *article = g_hash_table_lookup (articles, remote_id);

  g_assert_nonnull (article);
  g_assert_true (json_object_get_boolean_member (article, "read"));
  g_assert_true (json_object_get_boolean_member (article, "starred"));
}

static void
test_restart_after_kill (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("storyline-restart-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "storyline.db", NULL);
  g_autofree char *base = NULL;
  g_autofree char *feed_url = NULL;
  g_autofree char *marked_id = NULL;
  g_autoptr(GHashTable) had = NULL;
  g_autoptr(GHashTable) shown = NULL;
  g_autoptr(GHashTable) finished = NULL;
  const char *cli = g_getenv ("STORYLINE_CLI");
  const char *sync[] = { NULL, "--db", NULL, "sync", NULL };
  gboolean killed = FALSE;
  Child child;
  GSList *uris;

  g_assert_nonnull (cli);
  sync[0] = cli;
  sync[2] = db;

  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  feed_url = g_strconcat (base, "feed.json", NULL);

  /* A smaller feed than above: this case syncs it in full three times,
   * which the sanitizer build does slowly. */
  n_base_items = 1500;

  /* A first sync finishes; the reader reads and stars an article. */
  round_number = 0;
  {
    const char *add[] = { cli, "--db", db, "add-source", feed_url, NULL };

    run_cli (add, 0, &child);
    g_assert_true (WIFEXITED (child.status) && WEXITSTATUS (child.status) == 0);
  }
  run_cli (sync, 0, &child);
  g_assert_true (WIFEXITED (child.status) && WEXITSTATUS (child.status) == 0);
  had = list_through_cli (cli, db);
  g_assert_cmpuint (g_hash_table_size (had), ==, n_base_items);
  marked_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                               json_object_get_int_member (g_hash_table_lookup (had, "item-7"),
                                                           "id"));
  {
    const char *read[] = { cli, "--db", db, "mark-read", marked_id, NULL };
    const char *star[] = { cli, "--db", db, "star", marked_id, NULL };

    run_cli (read, 0, &child);
    g_assert_true (WIFEXITED (child.status) && WEXITSTATUS (child.status) == 0);
    run_cli (star, 0, &child);
    g_assert_true (WIFEXITED (child.status) && WEXITSTATUS (child.status) == 0);
  }

  /* The next day's sync (the feed grew and changed) is killed part way:
   * sooner and sooner until a kill lands before it ends. */
  g_assert_cmpuint (round_number, ==, 0);
  for (guint delay = 300; delay >= 20 && !killed; delay /= 2)
    {
      /* A sync that finished leaves nothing to do: the feed changes each time. */
      round_number++;
      run_cli (sync, delay, &child);
      killed = WIFSIGNALED (child.status);
    }
  g_assert_true (killed);

  /* Restarted, it shows everything it had, as the reader left it... */
  shown = list_through_cli (cli, db);
  g_assert_cmpuint (g_hash_table_size (shown), >=, g_hash_table_size (had));
  {
    GHashTableIter iter;
    gpointer id;

    g_hash_table_iter_init (&iter, had);
    while (g_hash_table_iter_next (&iter, &id, NULL))
      g_assert_true (g_hash_table_contains (shown, id));
  }
  assert_read_and_starred (shown, "item-7");

  /* ...and finishes the sync, with every article of the feed. */
  run_cli (sync, 0, &child);
  g_assert_true (WIFEXITED (child.status) && WEXITSTATUS (child.status) == 0);
  finished = list_through_cli (cli, db);
  g_assert_cmpuint (g_hash_table_size (finished), ==, n_base_items + round_number * 150);
  {
    g_autofree char *last = g_strdup_printf ("item-%u", n_base_items + round_number * 150 - 1);

    g_assert_true (g_hash_table_contains (finished, last));
  }
  assert_read_and_starred (finished, "item-7");
  g_hash_table_unref (check_database (db));

  soup_server_disconnect (server);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_cmpint (system (command), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/sigkill-during-sync/no-article-lost", test_kill_during_sync);
  g_test_add_func ("/crash/sigkill-during-sync/restart-shows-everything", test_restart_after_kill);

  return g_test_run ();
}
