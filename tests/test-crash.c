/* test-crash.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A sync killed with SIGKILL at random points never costs an article and
 * never leaves a damaged cache: storyline-cli syncs a large loopback source
 * in a child process, the test kills it, then checks the database. */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#define N_ROUNDS 20

static guint round_number;

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
  guint n_items = 4000 + round_number * 150;

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

  g_assert_true (g_spawn_async (NULL, (char **)args, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/sigkill-during-sync/no-article-lost", test_kill_during_sync);

  return g_test_run ();
}
