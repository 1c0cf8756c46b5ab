/* test-json-feed.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "story-article.h"
#include "story-json-feed.h"
#include "story-util.h"

static StoryFeed *
parse_fixture (const char  *name,
               const char  *base_url,
               GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "jsonfeed", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

  return story_json_feed_parse (bytes, base_url, error);
}

static StoryFeed *
parse_string (const char  *text,
              GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return story_json_feed_parse (bytes, "https://feed.example/feed.json", error);
}

static StoryArticle *
article_at (StoryFeed *feed,
            guint      index)
{
  g_assert_cmpuint (index, <, feed->articles->len);
  return g_ptr_array_index (feed->articles, index);
}

static void
test_every_field (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryFeed) feed = parse_fixture ("full-1.1.json", "https://lantern.example/feed.json",
                                             &error);
  StoryArticle *article;
  const char * const *authors;
  const char * const *tags;

  g_assert_no_error (error);
  g_assert_nonnull (feed);

  /* Feed level: entities in a plain-text title are decoded. */
  g_assert_cmpstr (feed->title, ==, "The Lantern & Quay");
  g_assert_cmpstr (feed->home_page_url, ==, "https://lantern.example/");
  g_assert_cmpstr (feed->icon, ==, "https://lantern.example/icon.png");
  g_assert_cmpstr (feed->favicon, ==, "https://lantern.example/favicon.ico");
  g_assert_cmpstr (feed->language, ==, "en-GB");
  g_assert_cmpstr (feed->next_url, ==, "https://lantern.example/feed.json?page=2");
  g_assert_cmpuint (feed->articles->len, ==, 2);

  article = article_at (feed, 0);
  g_assert_cmpstr (story_article_get_remote_id (article), ==, "quay-1");
  g_assert_cmpstr (story_article_get_title (article), ==, "Quay reopens – at last");
  g_assert_cmpstr (story_article_get_url (article), ==,
                   "https://lantern.example/2026/11/quay-reopens");
  g_assert_cmpstr (story_article_get_external_url (article), ==, "https://elsewhere.example/story");
  /* content_html wins over content_text, and is kept raw for the sanitizer. */
  g_assert_cmpstr (story_article_get_content_html (article), ==, "<p>The <b>quay</b> reopened.</p>");
  g_assert_cmpstr (story_article_get_summary (article), ==, "The old quay is open again.");
  g_assert_cmpstr (story_article_get_image (article), ==,
                   "https://lantern.example/images/quay.jpg");
  /* 08:30 at +01:00 is 07:30 UTC. */
  g_assert_cmpint (story_article_get_published (article), ==, 1795159800);
  g_assert_cmpint (story_article_get_updated (article), ==, 1795255200);

  authors = story_article_get_authors (article);
  g_assert_nonnull (authors);
  g_assert_cmpstr (authors[0], ==, "Ada Brook");
  g_assert_cmpstr (authors[1], ==, "Tom Reed");
  g_assert_null (authors[2]);

  /* Duplicate tags are dropped; the first tag stays first. */
  tags = story_article_get_tags (article);
  g_assert_cmpstr (tags[0], ==, "Harbour works");
  g_assert_cmpstr (tags[1], ==, "Transport");
  g_assert_null (tags[2]);

  /* A numeric id becomes a string; content_text is escaped into paragraphs;
   * an item without authors inherits the feed's; RFC 1123 dates are read. */
  article = article_at (feed, 1);
  g_assert_cmpstr (story_article_get_remote_id (article), ==, "42");
  g_assert_null (story_article_get_title (article));
  g_assert_cmpstr (story_article_get_content_html (article), ==,
                   "<p>A microblog post.</p>\n<p>With two paragraphs &amp; an ampersand.</p>\n");
  g_assert_cmpstr (story_article_get_authors (article)[0], ==, "Feed Desk");
  g_assert_cmpint (story_article_get_published (article), ==, 1794042900);
}

static void
test_authors_1_0 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryFeed) feed = parse_fixture ("author-1.0.json", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (feed->articles->len, ==, 3);
  g_assert_cmpstr (story_article_get_authors (article_at (feed, 0))[0], ==, "Item Author");
  g_assert_cmpstr (story_article_get_authors (article_at (feed, 1))[0], ==, "Feed Author");
  g_assert_cmpstr (story_article_get_authors (article_at (feed, 2))[0], ==, "New");
  g_assert_null (story_article_get_authors (article_at (feed, 2))[1]);
}

static void
test_hostile_types (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryFeed) feed = parse_fixture ("hostile-types.json", "https://x.example/feed.json",
                                             &error);
  StoryArticle *article;

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  g_assert_null (feed->title);

  /* null, 7 and "string item" are not items; a blank id with nothing else is dropped. */
  g_assert_cmpuint (feed->n_skipped, ==, 4);
  g_assert_cmpuint (feed->articles->len, ==, 4);

  /* No id: the URL stands in, then a content hash. */
  g_assert_cmpstr (story_article_get_remote_id (article_at (feed, 0)), ==, "https://x.example/a");
  g_assert_true (g_str_has_prefix (story_article_get_remote_id (article_at (feed, 1)), "sha256:"));

  article = article_at (feed, 2);
  g_assert_cmpstr (story_article_get_remote_id (article), ==, "12.5");
  g_assert_null (story_article_get_title (article));
  g_assert_null (story_article_get_content_html (article));
  g_assert_null (story_article_get_image (article));
  g_assert_cmpint (story_article_get_published (article), ==, STORY_TIME_UNKNOWN);
  g_assert_cmpstr (story_article_get_tags (article)[0], ==, "Real tag");
  g_assert_null (story_article_get_tags (article)[1]);
  g_assert_cmpstr (story_article_get_authors (article)[0], ==, "Kept");

  /* An author given as a plain string; a zone-less date read as UTC. */
  article = article_at (feed, 3);
  g_assert_cmpstr (story_article_get_authors (article)[0], ==, "Plain Name");
  g_assert_cmpint (story_article_get_published (article), ==, 1795163400);
}

static void
test_errors (void)
{
  struct {
    const char *fixture;
    int         code;
    const char *message_part;
  } cases[] = {
    { "empty.json", STORY_FEED_ERROR_EMPTY, "empty" },
    { "truncated.json", STORY_FEED_ERROR_INVALID_JSON, "Not valid JSON" },
    { "html.json", STORY_FEED_ERROR_INVALID_JSON, "Not valid JSON" },
    { "not-a-feed.json", STORY_FEED_ERROR_NOT_A_FEED, "has no items" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StoryFeed) feed = parse_fixture (cases[i].fixture, NULL, &error);

      g_test_message ("%s", cases[i].fixture);
      g_assert_null (feed);
      g_assert_error (error, STORY_FEED_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
}

static void
test_no_items (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryFeed) feed = parse_fixture ("no-items.json", NULL, &error);

  /* A feed with nothing in it yet is a feed, not an error. */
  g_assert_no_error (error);
  g_assert_cmpstr (feed->title, ==, "Quiet feed");
  g_assert_cmpuint (feed->articles->len, ==, 0);
}

static void
test_odd_documents (void)
{
  const char *not_feeds[] = {
    "[1, 2, 3]",
    "\"just a string\"",
    "{\"items\": 5}",
    "{\"items\": {\"id\": 1}}",
    "   \n  ",
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [1] } trailing",
    "{\"a\": NaN}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (not_feeds); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StoryFeed) feed = parse_string (not_feeds[i], &error);

      g_test_message ("%s", not_feeds[i]);
      g_assert_null (feed);
      g_assert_error (error, STORY_FEED_ERROR, error->code);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_bom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryFeed) feed = NULL;
  /* A UTF-8 BOM, and a title with a byte that is not UTF-8 inside a JSON string. */
  const char text[] = "\xEF\xBB\xBF{\"version\":\"1.1\",\"items\":[{\"id\":\"1\",\"title\":\"caf\xC3\xA9\"}]}";

  feed = parse_string (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (story_article_get_title (article_at (feed, 0)), ==, "café");
}

static void
test_huge_title_capped (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryFeed) feed = NULL;
  g_autoptr(GString) text = g_string_new ("{\"version\":\"1.1\",\"items\":[{\"id\":\"1\",\"title\":\"");

  for (guint i = 0; i < 100000; i++)
    g_string_append (text, "word ");
  g_string_append (text, "\"}]}");

  feed = parse_string (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_utf8_strlen (story_article_get_title (article_at (feed, 0)), -1), <=, 1000);
}

/* Found by fuzzing: casting 1e300 to an integer id was undefined behaviour. */
static void
test_huge_number_ids (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryFeed) feed = NULL;

  feed = parse_string ("{\"version\":\"1.1\",\"items\":[{\"id\":1e300},"
                       "{\"id\":-1e19},{\"id\":9223372036854775808.0},{\"id\":-4096.0}]}",
                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feed->articles->len, ==, 4);
  g_assert_cmpstr (story_article_get_remote_id (article_at (feed, 0)), ==, "1.0000000000000001e+300");
  g_assert_cmpstr (story_article_get_remote_id (article_at (feed, 1)), ==, "-1e+19");
  g_assert_cmpstr (story_article_get_remote_id (article_at (feed, 2)), ==, "9.2233720368547758e+18");
  g_assert_cmpstr (story_article_get_remote_id (article_at (feed, 3)), ==, "-4096");
}

/* Found by fuzzing: json-glib quotes the broken document in its message, so
 * the error a user would read was not valid UTF-8. */
static void
test_error_message_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryFeed) feed = NULL;

  feed = parse_string ("{\"version\":\"1\",\"i\\ud800[{\"id\":\"1\"}]}", &error);
  g_assert_null (feed);
  g_assert_error (error, STORY_FEED_ERROR, STORY_FEED_ERROR_INVALID_JSON);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* json-glib recurses once per level: 100,000 levels overflowed the stack. */
static void
test_deep_nesting_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryFeed) feed = NULL;
  g_autoptr(GString) text = g_string_new ("{\"version\":\"1.1\",\"items\":[{\"id\":\"1\",\"x\":");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, ']');
  g_string_append (text, "}]}");

  feed = parse_string (text->str, &error);
  g_assert_null (feed);
  g_assert_error (error, STORY_FEED_ERROR, STORY_FEED_ERROR_TOO_COMPLEX);
  g_assert_cmpstr (error->message, ==,
                   "Not a feed Storyline can read: it is nested more than 128 levels deep");
}

/* Brackets inside strings are text, not nesting. */
static void
test_brackets_in_strings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryFeed) feed = NULL;
  g_autoptr(GString) text = g_string_new ("{\"version\":\"1.1\",\"items\":[{\"id\":\"1\",\"title\":\"\\\"");

  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "[{");
  g_string_append (text, "\"}]}");

  feed = parse_string (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feed->articles->len, ==, 1);
}

/* Strings are skipped 8 bytes at a time: an escaped quote or backslash must
 * be found wherever it falls in those 8, and nesting counted right after. */
static void
test_escapes_at_every_offset (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryFeed) feed = NULL;
  g_autoptr(GString) text = g_string_new ("{\"version\":\"1.1\",\"items\":[");
  g_autoptr(GString) deep = NULL;

  for (guint k = 0; k < 20; k++)
    {
      g_string_append_printf (text, "%s{\"id\":\"%u\",\"title\":\"", k > 0 ? "," : "", k);
      for (guint i = 0; i < k; i++)
        g_string_append_c (text, 'x');
      /* x…x\"[{]\\ then the string's end: "[{] stays text, \\ is one backslash. */
      g_string_append (text, "\\\"[{]\\\\\"}");
    }
  g_string_append (text, "]}");

  feed = parse_string (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feed->articles->len, ==, 20);
  for (guint k = 0; k < 20; k++)
    {
      StoryArticle *article = g_ptr_array_index (feed->articles, k);
      g_autofree char *expected = g_strdup_printf ("%.*s\"[{]\\", k, "xxxxxxxxxxxxxxxxxxxx");

      g_assert_cmpstr (story_article_get_title (article), ==, expected);
    }

  /* After a long string, the nesting outside it still counts. */
  deep = g_string_new ("{\"version\":\"1.1\",\"title\":\"");
  for (guint i = 0; i < 1000; i++)
    g_string_append (deep, i % 7 == 0 ? "\\\"[" : "ab[{");
  g_string_append (deep, "\",\"items\":[{\"id\":\"1\",\"x\":");
  for (guint i = 0; i < 200; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 200; i++)
    g_string_append_c (deep, ']');
  g_string_append (deep, "}]}");

  g_clear_pointer (&feed, story_feed_free);
  feed = parse_string (deep->str, &error);
  g_assert_null (feed);
  g_assert_error (error, STORY_FEED_ERROR, STORY_FEED_ERROR_TOO_COMPLEX);
}

/* One item of many kinds, for the big-feed test: objects with nested values,
 * strings holding brackets, commas and escaped quotes, and elements that are
 * not items at all. */
static void
append_item (GString *text,
             guint    i)
{
  switch (i % 7)
    {
    case 0:
      g_string_append_printf (text, "{\"id\":\"%u\",\"title\":\"Title %u [a, b] {c}\","
                              "\"content_html\":\"<p>Body \\\"%u\\\", with, commas ]}</p>\","
                              "\"date_published\":\"2026-11-%02uT10:00:00Z\"}",
                              i, i, i, 1 + i % 27);
      break;
    case 1:
      g_string_append_printf (text, "{ \"id\" : \"%u\" , \"title\" : \"Caf\\u00e9 \\\\ %u\" ,"
                              " \"tags\" : [ \"x\" , \"y %u\" ] , \"authors\" : [ { \"name\" : "
                              "\"A %u\" } ] , \"content_text\" : \"Line one\\n\\nLine two\" }",
                              i, i, i, i);
      break;
    case 2:
      g_string_append (text, "null");
      break;
    case 3:
      g_string_append_printf (text, "%u", i);
      break;
    case 4:
      g_string_append (text, "[1, {\"id\": \"nested\"}, [\"]\"]]");
      break;
    case 5:
      g_string_append_printf (text, "{\"id\":\"%u\",\"url\":\"/a/%u\",\"summary\":\"%s\","
                              "\"content_html\":\"<p>Noise</p>\",\"x\":{\"y\":[{},[],\"{\"]}}",
                              i, i, i % 2 ? "Short" : "Longer, with \\\"quotes\\\" and \\/ slashes");
      break;
    default:
      g_string_append_printf (text, "{\"title\":\"No id %u\",\"content_html\":\"<p>%u</p>\"}",
                              i, i);
      break;
    }
  /* Padding, so that the document is big enough to be read in chunks. */
  if (i % 7 == 0)
    for (guint j = 0; j < 40; j++)
      g_string_append (text, " ");
}

static StoryFeed *
parse_items (guint first,
             guint n,
             gboolean broken,
             GError **error)
{
  g_autoptr(GString) text = g_string_new ("{\"version\":\"https://jsonfeed.org/version/1.1\","
                                          "\"title\":\"Big\",\"items\" : [ ");

  for (guint i = first; i < first + n; i++)
    {
      if (i > first)
        g_string_append (text, i % 3 ? "," : " ,\n ");
      append_item (text, i);
      if (broken && i == first + n / 2)
        g_string_append (text, "{\"id\": \"broken\",}");
    }
  g_string_append (text, " ], \"home_page_url\": \"https://feed.example/\"}");

  return parse_string (text->str, error);
}

static void
assert_same_list (const char * const *a,
                  const char * const *b)
{
  if (a == NULL || b == NULL)
    g_assert_true (a == b);
  else
    g_assert_true (g_strv_equal (a, b));
}

/* A big document's items are parsed in chunks on two threads: the same
 * articles, in the same order, as small documents of the same items give;
 * and the same error when one item is not valid JSON. */
static void
test_big_feed_in_chunks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryFeed) big = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_skipped = 0;
  const guint n = 14000;

  big = parse_items (0, n, FALSE, &error);
  g_assert_no_error (error);

  /* Documents small enough to be read whole. */
  for (guint first = 0; first < n; first += 700)
    {
      g_autoptr(StoryFeed) small = parse_items (first, 700, FALSE, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < small->articles->len; i++)
        g_ptr_array_add (expected, g_object_ref (g_ptr_array_index (small->articles, i)));
      n_skipped += small->n_skipped;
    }

  g_assert_cmpuint (big->articles->len, ==, expected->len);
  g_assert_cmpuint (big->n_skipped, ==, n_skipped);
  g_assert_cmpuint (big->articles->len, ==, n / 7 * 4);
  g_assert_cmpstr (big->home_page_url, ==, "https://feed.example/");
  for (guint i = 0; i < expected->len; i++)
    {
      StoryArticle *a = g_ptr_array_index (big->articles, i);
      StoryArticle *b = g_ptr_array_index (expected, i);

      g_assert_cmpstr (story_article_get_remote_id (a), ==, story_article_get_remote_id (b));
      g_assert_cmpstr (story_article_get_title (a), ==, story_article_get_title (b));
      g_assert_cmpstr (story_article_get_url (a), ==, story_article_get_url (b));
      g_assert_cmpstr (story_article_get_summary (a), ==, story_article_get_summary (b));
      g_assert_cmpstr (story_article_get_content_html (a), ==, story_article_get_content_html (b));
      g_assert_cmpint (story_article_get_published (a), ==, story_article_get_published (b));
      assert_same_list (story_article_get_tags (a), story_article_get_tags (b));
      assert_same_list (story_article_get_authors (a), story_article_get_authors (b));
    }
  g_assert_cmpstr (story_article_get_title (g_ptr_array_index (big->articles, 1)), ==,
                   "Café \\ 1");
  g_assert_cmpstr (story_article_get_tags (g_ptr_array_index (big->articles, 1))[1], ==, "y 1");
  g_assert_cmpstr (story_article_get_authors (g_ptr_array_index (big->articles, 1))[0], ==, "A 1");

  g_clear_pointer (&big, story_feed_free);
  big = parse_items (0, n, TRUE, &error);
  g_assert_null (big);
  g_assert_error (error, STORY_FEED_ERROR, STORY_FEED_ERROR_INVALID_JSON);
}

/* A million tiny values would cost json-glib gigabytes inside the download cap. */
static void
test_too_many_values_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryFeed) feed = NULL;
  g_autoptr(GString) text = g_string_new ("{\"version\":\"1.1\",\"items\":[");

  for (guint i = 0; i < 1000000; i++)
    g_string_append (text, i > 0 ? ",{}" : "{}");
  g_string_append (text, "]}");

  feed = parse_string (text->str, &error);
  g_assert_null (feed);
  g_assert_error (error, STORY_FEED_ERROR, STORY_FEED_ERROR_TOO_COMPLEX);
  g_assert_cmpstr (error->message, ==,
                   "Not a feed Storyline can read: it holds more than 250000 values");
}

/* One byte that is not UTF-8 used to cost the whole feed ("JSON data must be
 * UTF-8 encoded"); now it costs that character. */
static void
test_invalid_utf8_made_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryFeed) feed = NULL;

  feed = parse_string ("{\"version\":\"1.1\",\"title\":\"Caf\xe9\",\"items\":[{\"id\":\"1\","
                       "\"title\":\"Cr\xe8me \xff\xfe br\xc3\",\"content_html\":\"<p>\xc0\xaf</p>\"}]}",
                       &error);
  g_assert_no_error (error);
  g_assert_cmpstr (feed->title, ==, "Caf\xef\xbf\xbd");
  g_assert_cmpstr (story_article_get_title (article_at (feed, 0)), ==,
                   "Cr\xef\xbf\xbdme \xef\xbf\xbd\xef\xbf\xbd br\xef\xbf\xbd");
  g_assert_true (g_utf8_validate (story_article_get_content_html (article_at (feed, 0)), -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jsonfeed/fields/1.1", test_every_field);
  g_test_add_func ("/jsonfeed/authors/1.0-fallback", test_authors_1_0);
  g_test_add_func ("/jsonfeed/hostile/wrong-types", test_hostile_types);
  g_test_add_func ("/jsonfeed/errors/clear-messages", test_errors);
  g_test_add_func ("/jsonfeed/errors/not-feeds", test_odd_documents);
  g_test_add_func ("/jsonfeed/no-items", test_no_items);
  g_test_add_func ("/jsonfeed/encoding/bom", test_bom);
  g_test_add_func ("/jsonfeed/limits/huge-title", test_huge_title_capped);
  g_test_add_func ("/jsonfeed/hostile/huge-number-ids", test_huge_number_ids);
  g_test_add_func ("/jsonfeed/errors/utf8-message", test_error_message_utf8);
  g_test_add_func ("/jsonfeed/hostile/deep-nesting", test_deep_nesting_refused);
  g_test_add_func ("/jsonfeed/hostile/brackets-in-strings", test_brackets_in_strings);
  g_test_add_func ("/jsonfeed/hostile/too-many-values", test_too_many_values_refused);
  g_test_add_func ("/jsonfeed/encoding/invalid-utf8", test_invalid_utf8_made_valid);
  g_test_add_func ("/jsonfeed/limits/escapes-at-every-offset", test_escapes_at_every_offset);
  g_test_add_func ("/jsonfeed/big/items-in-chunks", test_big_feed_in_chunks);

  return g_test_run ();
}
