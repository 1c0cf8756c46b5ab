/* test-cli.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* storyline-cli as a script would use it: real processes, real files. */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static char *tmp_dir;

static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (char *)g_getenv ("STORYLINE_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_ref (json_parser_get_root (parser));
}

static void
test_parse (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "jsonfeed",
                                                    "full-1.1.json", NULL);
  const char *args[] = { "parse", "--base-url", "https://lantern.example/feed.json", fixture, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *article;
  const char *members[] = { "id", "source_id", "remote_id", "title", "url", "external_url",
                            "authors", "published", "updated", "summary", "content_html",
                            "image", "tags", "theme_id", "read", "starred" };

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  root = parse_json (out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);

  article = json_array_get_object_element (json_node_get_array (root), 0);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (article, members[i]));

  g_assert_cmpstr (json_object_get_string_member (article, "title"), ==, "Quay reopens – at last");
  g_assert_cmpstr (json_object_get_string_member (article, "published"), ==,
                   "2026-11-20T07:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (article, "url"), ==,
                   "https://lantern.example/2026/11/quay-reopens");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (article, "authors"), 0),
                   ==, "Ada Brook");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (article, "tags"), 0),
                   ==, "Harbour works");
  g_assert_false (json_object_get_boolean_member (article, "read"));
}

static void
test_parse_bad_input (void)
{
  const char *fixtures[] = { "truncated.json", "empty.json", "not-a-feed.json", "html.json" };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "jsonfeed", fixtures[i],
                                                     NULL);
      const char *args[] = { "parse", path, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (args, &out, &err), !=, 0);
      g_assert_cmpstr (out, ==, "");
      /* The message names the file and what is wrong with it. */
      g_assert_nonnull (strstr (err, fixtures[i]));
      g_assert_true (strstr (err, "JSON") != NULL || strstr (err, "empty") != NULL);
    }

  {
    const char *args[] = { "parse", "/nonexistent/feed.json", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (args, &out, &err), !=, 0);
    g_assert_nonnull (strstr (err, "storyline-cli:"));
  }
}

static void
test_sample_round_trip (void)
{
  g_autofree char *db = g_build_filename (tmp_dir, "cli.db", NULL);
  const char *add[] = { "--db", db, "add-source",
                        "resource:///io/github/storyline/Storyline/sample/feed.json", NULL };
  const char *sync[] = { "--db", db, "--json", "sync", NULL };
  const char *themes[] = { "--db", db, "--json", "themes", NULL };
  const char *list[] = { "--db", db, "--json", "list", "--limit", "3", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report;
  JsonArray *array;
  gint64 first_id;

  g_assert_cmpint (run_cli (add, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (sync, &out, &err), ==, 0);
  root = parse_json (out);
  report = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpint (json_object_get_int_member (report, "new"), >=, 20);
  g_assert_true (json_object_get_null_member (report, "error"));
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (themes, &out, &err), ==, 0);
  root = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), >=, 4);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Follow the first theme and mute the second for a week: both still listed, and say so. */
  {
    JsonArray *before = json_node_get_array (root);
    gint64 first = json_object_get_int_member (json_array_get_object_element (before, 0), "id");
    gint64 second = json_object_get_int_member (json_array_get_object_element (before, 1), "id");
    g_autofree char *first_text = g_strdup_printf ("%" G_GINT64_FORMAT, first);
    g_autofree char *second_text = g_strdup_printf ("%" G_GINT64_FORMAT, second);
    const char *follow[] = { "--db", db, "follow-theme", first_text, NULL };
    const char *mute[] = { "--db", db, "mute-theme", second_text, "--days", "7", NULL };
    const char *missing[] = { "--db", db, "mute-theme", "99999", NULL };
    g_autoptr(JsonNode) after = NULL;
    JsonArray *listed;
    gboolean seen_muted = FALSE;

    g_assert_cmpint (run_cli (follow, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (mute, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (missing, &out, &err), !=, 0);
    g_assert_nonnull (strstr (err, "99999"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (run_cli (themes, &out, &err), ==, 0);
    after = parse_json (out);
    listed = json_node_get_array (after);
    g_assert_cmpuint (json_array_get_length (listed), ==, json_array_get_length (before));
    for (guint i = 0; i < json_array_get_length (listed); i++)
      {
        JsonObject *theme = json_array_get_object_element (listed, i);
        gint64 id = json_object_get_int_member (theme, "id");

        g_assert_true (json_object_get_boolean_member (theme, "followed") == (id == first));
        if (id == second)
          {
            /* Muted themes come last, with how long they stay muted. */
            g_assert_cmpuint (i, ==, json_array_get_length (listed) - 1);
            g_assert_cmpint (json_object_get_int_member (theme, "muted_until"), >,
                             g_get_real_time () / G_USEC_PER_SEC + 6 * 24 * 3600);
            seen_muted = TRUE;
          }
      }
    g_assert_true (seen_muted);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  g_clear_pointer (&root, json_node_unref);

  {
    const char *search[] = { "--db", db, "--json", "search", "greywater", "reserv", NULL };
    g_autoptr(JsonNode) found = NULL;

    g_assert_cmpint (run_cli (search, &out, &err), ==, 0);
    found = parse_json (out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (found)), >=, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  g_assert_cmpint (run_cli (list, &out, &err), ==, 0);
  root = parse_json (out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  first_id = json_object_get_int_member (json_array_get_object_element (array, 0), "id");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, first_id);
    const char *show[] = { "--db", db, "--json", "show", id, NULL };
    const char *read[] = { "--db", db, "mark-read", id, NULL };
    g_autoptr(JsonNode) shown = NULL;
    JsonObject *object;

    g_assert_cmpint (run_cli (read, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (run_cli (show, &out, &err), ==, 0);
    shown = parse_json (out);
    object = json_node_get_object (shown);
    g_assert_true (json_object_get_boolean_member (json_object_get_object_member (object, "article"),
                                                   "read"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object,
                                                                           "more_on_this_theme")),
                      >=, 1);
    /* Why it is in its theme: the words it shares with the theme's others. */
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "why")),
                      >=, 1);
  }
}

/* Two outlets' feeds, clustered without a store: each story holds both
 * outlets' reports, and the article no one else reports is "Other news". */
static void
test_cluster (void)
{
  g_autofree char *a = g_test_build_filename (G_TEST_DIST, "data", "themes", "outlet-a.json", NULL);
  g_autofree char *b = g_test_build_filename (G_TEST_DIST, "data", "themes", "outlet-b.json", NULL);
  const char *args[] = { "cluster", "--json", a, b, NULL };
  const char *expected[][2] = {
    { "a-ceasefire", "b-ceasefire" },
    { "a-mine", "b-mine" },
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *stories;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  root = parse_json (out);
  stories = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (stories), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *story = json_array_get_object_element (stories, i);
      JsonArray *ids = json_object_get_array_member (story, "article_ids");

      g_assert_cmpuint (json_array_get_length (ids), ==, 2);
      g_assert_cmpstr (json_array_get_string_element (ids, 0), ==, expected[i][0]);
      g_assert_cmpstr (json_array_get_string_element (ids, 1), ==, expected[i][1]);
      g_assert_nonnull (json_object_get_string_member (story, "label"));
    }

  {
    JsonObject *other = json_array_get_object_element (stories, 2);
    JsonArray *ids = json_object_get_array_member (other, "article_ids");

    g_assert_cmpint (json_object_get_int_member (other, "id"), ==, 0);
    g_assert_cmpuint (json_array_get_length (ids), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (ids, 0), ==, "a-soup");
  }
}

static void
test_opml_round_trip (void)
{
  g_autofree char *db = g_build_filename (tmp_dir, "opml-a.db", NULL);
  g_autofree char *db2 = g_build_filename (tmp_dir, "opml-b.db", NULL);
  g_autofree char *file = g_build_filename (tmp_dir, "list.opml", NULL);
  const char *opml =
    "<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline text=\"News\">"
    "<outline text=\"A &amp; B\" xmlUrl=\"https://a.example/feed.json\"/>"
    "<outline text=\"C\" xmlUrl=\"https://c.example/feed.json\"/></outline></body></opml>";
  const char *import[] = { "--db", db, "--json", "import-opml", file, NULL };
  const char *sources[] = { "--db", db, "--json", "sources", NULL };
  const char *export[] = { "--db", db, "export-opml", NULL };
  const char *import2[] = { "--db", db2, "import-opml", file, NULL };
  const char *sources2[] = { "--db", db2, "--json", "sources", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *listed = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  g_file_set_contents (file, opml, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run_cli (import, &out, &err), ==, 0);
  root = parse_json (out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "added"), ==, 2);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (sources, &listed, &err), ==, 0);
  root = parse_json (listed);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "title"), ==, "A & B");
  g_assert_true (json_object_has_member (json_array_get_object_element (array, 0), "last_error"));
  g_assert_true (json_object_has_member (json_array_get_object_element (array, 0), "last_sync"));
  g_clear_pointer (&err, g_free);

  /* Export, import into a fresh cache: the same sources. */
  g_assert_cmpint (run_cli (export, &exported, &err), ==, 0);
  g_assert_nonnull (strstr (exported, "A &amp; B"));
  g_file_set_contents (file, exported, -1, &error);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (import2, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (sources2, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, listed);

  /* A source can ask to be synced more or less often than the others. */
  {
    const char *set[] = { "--db", db2, "set-interval", "1", "15", NULL };
    const char *bad[] = { "--db", db2, "set-interval", "1", "1", NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (set, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (bad, &out, &err), !=, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (sources2, &out, &err), ==, 0);
    g_clear_pointer (&root, json_node_unref);
    root = parse_json (out);
    array = json_node_get_array (root);
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *source = json_array_get_object_element (array, i);

        if (json_object_get_int_member (source, "id") == 1)
          g_assert_cmpint (json_object_get_int_member (source, "sync_interval"), ==, 15);
        else
          g_assert_true (json_object_get_null_member (source, "sync_interval"));
        g_assert_cmpint (json_object_get_int_member (source, "failures"), ==, 0);
      }
  }

  {
    const char *names[] = { db, db2 };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *wal = g_strconcat (names[i], "-wal", NULL);
        g_autofree char *shm = g_strconcat (names[i], "-shm", NULL);

        g_remove (names[i]);
        g_remove (wal);
        g_remove (shm);
      }
    g_remove (file);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("storyline-cli-XXXXXX", NULL);

  g_test_add_func ("/cli/parse/json-feed", test_parse);
  g_test_add_func ("/cli/parse/bad-input", test_parse_bad_input);
  g_test_add_func ("/cli/sample/add-sync-list-show", test_sample_round_trip);
  g_test_add_func ("/cli/opml/import-export-round-trip", test_opml_round_trip);
  g_test_add_func ("/cli/cluster/two-outlets", test_cluster);

  status = g_test_run ();

  {
    g_autofree char *db = g_build_filename (tmp_dir, "cli.db", NULL);
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_remove (db);
    g_remove (wal);
    g_remove (shm);
    g_rmdir (tmp_dir);
  }

  return status;
}
