/* test-opml.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Subscription lists in and out. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "story-opml.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("storyline-opml-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static StoryStore *
open_store (Fixture    *fixture,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  StoryStore *store = story_store_new (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(StoryStore) first = open_store (fixture, "first.db");
  g_autoptr(StoryStore) second = open_store (fixture, "second.db");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StorySource) tricky = NULL;
  g_autofree char *opml = NULL;
  StoryOpmlImportStats stats = { 0 };

  tricky = story_store_add_source (first, "json-feed", "https://example.test/feed.json?a=1&b=2",
                                   "News & \"Views\" <daily>", &error);
  story_source_set_home_page_url (tricky, "https://example.test/?x=<y>");
  story_store_update_source (first, tricky, &error);
  g_clear_object (&tricky);
  tricky = story_store_add_source (first, "json-feed", "http://other.test/feed.json", NULL, &error);
  g_assert_no_error (error);
  /* The bundled sample stays out of the file. */
  g_clear_object (&tricky);
  tricky = story_store_add_source (first, "json-feed",
                                   "resource:///io/github/storyline/Storyline/sample/feed.json",
                                   NULL, &error);

  opml = story_opml_export (first, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (opml, "resource:"));
  g_assert_nonnull (strstr (opml, "News &amp; &quot;Views&quot; &lt;daily&gt;"));

  g_assert_true (story_opml_import (second, opml, strlen (opml), &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_added, ==, 2);

  before = story_store_list_sources (first, &error);
  after = story_store_list_sources (second, &error);
  g_assert_cmpuint (after->len, ==, 2);
  for (guint i = 0; i < after->len; i++)
    {
      StorySource *b = g_ptr_array_index (before, i);
      StorySource *a = g_ptr_array_index (after, i);

      g_assert_cmpstr (story_source_get_url (a), ==, story_source_get_url (b));
      g_assert_cmpstr (story_source_get_title (a), ==,
                       story_source_get_title (b) ?: story_source_get_url (b));
      g_assert_cmpstr (story_source_get_home_page_url (a), ==,
                       story_source_get_home_page_url (b));
    }

  /* Importing again adds nothing. */
  g_assert_true (story_opml_import (second, opml, strlen (opml), &stats, &error));
  g_assert_cmpuint (stats.n_added, ==, 0);
  g_assert_cmpuint (stats.n_existing, ==, 2);
}

static void
test_folders (void)
{
  const char *opml =
    "<?xml version=\"1.0\"?><opml version=\"1.0\"><head/><body>"
    "<outline text=\"Tech\"><outline text=\"A\" xmlUrl=\"https://a.test/feed.json\"/>"
    "<outline text=\"Deeper\"><outline title=\"B\" xmlUrl=\" https://b.test/feed \"/></outline>"
    "</outline><outline text=\"No URL\"/></body></opml>";
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GError) error = NULL;
  StoryOpmlOutline *outline;

  outlines = story_opml_parse (opml, strlen (opml), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outlines->len, ==, 2);
  outline = g_ptr_array_index (outlines, 0);
  g_assert_cmpstr (outline->url, ==, "https://a.test/feed.json");
  g_assert_cmpstr (outline->title, ==, "A");
  outline = g_ptr_array_index (outlines, 1);
  g_assert_cmpstr (outline->url, ==, "https://b.test/feed");
  g_assert_cmpstr (outline->title, ==, "B");
}

static void
test_not_opml (void)
{
  const char *texts[] = {
    "",
    "{\"version\":\"https://jsonfeed.org/version/1.1\"}",
    "<html><body>hi</body></html>",
    "<opml><body><outline xmlUrl=",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) outlines = story_opml_parse (texts[i], strlen (texts[i]), &error);

      g_assert_null (outlines);
      g_assert_error (error, STORY_OPML_ERROR, STORY_OPML_ERROR_INVALID);
    }
}

static void
test_no_entity_expansion (void)
{
  /* An external entity must not pull a local file into a source URL. */
  const char *opml =
    "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
    "<opml version=\"2.0\"><body><outline text=\"&x;\" xmlUrl=\"https://a.test/&x;\"/>"
    "</body></opml>";
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GError) error = NULL;

  /* libxml2 refuses an external entity in an attribute outright; either way
   * the file's content never reaches a source. */
  outlines = story_opml_parse (opml, strlen (opml), &error);
  if (outlines == NULL)
    {
      g_assert_error (error, STORY_OPML_ERROR, STORY_OPML_ERROR_INVALID);
      return;
    }
  for (guint i = 0; i < outlines->len; i++)
    {
      StoryOpmlOutline *outline = g_ptr_array_index (outlines, i);

      g_assert_true (g_str_has_prefix (outline->url, "https://a.test/"));
      g_assert_cmpuint (strlen (outline->url), <=, strlen ("https://a.test/"));
    }
}

/* Found by fuzzing: a title with a tab or a line break (written as a
 * character reference) came back from an export with spaces instead. */
static void
test_line_breaks_round_trip (void)
{
  const char *opml = "<opml version=\"2.0\"><body><outline title=\"One&#9;two&#10;three&#13;four\" "
                     "xmlUrl=\"https://a.test/feed.json\"/></body></opml>";
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  StoryOpmlOutline *outline;
  StorySource *source;

  outlines = story_opml_parse (opml, strlen (opml), &error);
  g_assert_no_error (error);
  outline = g_ptr_array_index (outlines, 0);
  g_assert_cmpstr (outline->title, ==, "One\ttwo\nthree\rfour");

  source = story_source_new ();
  story_source_set_url (source, outline->url);
  story_source_set_title (source, outline->title);
  g_ptr_array_add (sources, source);
  written = story_opml_write (sources);

  again = story_opml_parse (written, strlen (written), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_cmpstr (((StoryOpmlOutline *)g_ptr_array_index (again, 0))->title, ==,
                   "One\ttwo\nthree\rfour");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/opml/export-import-round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add_func ("/opml/import/folders", test_folders);
  g_test_add_func ("/opml/import/not-opml", test_not_opml);
  g_test_add_func ("/opml/import/no-entity-expansion", test_no_entity_expansion);
  g_test_add_func ("/opml/export/line-breaks-round-trip", test_line_breaks_round_trip);

  return g_test_run ();
}
