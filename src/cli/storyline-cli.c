/* storyline-cli.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* storyline-cli: the headless front end on the same core as the app. */

#define G_LOG_DOMAIN "storyline-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "story-clusterer.h"
#include "story-date.h"
#include "story-discovery.h"
#include "story-json-feed.h"
#include "story-opml.h"
#include "story-provider.h"
#include "story-sanitizer.h"
#include "story-secrets.h"
#include "story-store.h"
#include "story-sync-manager.h"
#include "story-util.h"

typedef struct
{
  char     *db_path;
  gboolean  json;
  char     *format;
  char     *base_url;
  char     *kind;
  char     *theme;
  gboolean  unread;
  gboolean  starred;
  int       limit;
  int       days;     /* mute-theme: -1 for good */
  gboolean  api_key_stdin;
} Options;

static Options options = { .days = -1 };

static int
fail (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static int
fail (const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("storyline-cli: %s\n", message);
  return 1;
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          gint64       value)
{
  g_autofree char *text = story_date_format_rfc3339 (value);

  add_string (builder, member, text);
}

/* A source's address as it may be shown: without the password it may carry. */
static void
add_url (JsonBuilder *builder,
         const char  *url)
{
  g_autofree char *shown = story_url_redact (url);

  add_string (builder, "url", shown);
}

static void
add_list (JsonBuilder        *builder,
          const char         *member,
          const char * const *values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_article (JsonBuilder  *builder,
             StoryArticle *article,
             gboolean      with_body)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, story_article_get_id (article));
  json_builder_set_member_name (builder, "source_id");
  json_builder_add_int_value (builder, story_article_get_source_id (article));
  add_string (builder, "remote_id", story_article_get_remote_id (article));
  add_string (builder, "title", story_article_get_title (article));
  add_string (builder, "url", story_article_get_url (article));
  add_string (builder, "external_url", story_article_get_external_url (article));
  add_list (builder, "authors", story_article_get_authors (article));
  add_time (builder, "published", story_article_get_published (article));
  add_time (builder, "updated", story_article_get_updated (article));
  add_string (builder, "summary", story_article_get_summary (article));
  if (with_body)
    add_string (builder, "content_html", story_article_get_content_html (article));
  add_string (builder, "image", story_article_get_image (article));
  add_list (builder, "tags", story_article_get_tags (article));
  json_builder_set_member_name (builder, "theme_id");
  if (story_article_get_theme_id (article) > 0)
    json_builder_add_int_value (builder, story_article_get_theme_id (article));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "read");
  json_builder_add_boolean_value (builder, story_article_get_read (article));
  json_builder_set_member_name (builder, "starred");
  json_builder_add_boolean_value (builder, story_article_get_starred (article));
  json_builder_end_object (builder);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_article_line (StoryArticle *article)
{
  g_autofree char *published = story_date_format_rfc3339 (story_article_get_published (article));

  g_print ("%" G_GINT64_FORMAT "\t%s\t%s%s\t%s\n",
           story_article_get_id (article),
           published ? published : "-",
           story_article_get_read (article) ? " " : "•",
           story_article_get_starred (article) ? "★" : " ",
           story_article_get_title (article) ? story_article_get_title (article) : "(untitled)");
}

static StoryStore *
open_store (GError **error)
{
  g_autofree char *path = options.db_path ? g_strdup (options.db_path)
                                          : story_store_dup_default_path ();
  g_autoptr(StoryStore) store = story_store_new (path, error);
  g_autoptr(GError) keyring_error = NULL;

  if (store == NULL)
    return NULL;

  /* Passwords an older version kept in the cache go to the keyring; when it
   * cannot take them they stay, and the command goes on. */
  if (!story_store_move_logins_to_keyring (store, NULL, NULL, &keyring_error))
    g_printerr ("storyline-cli: %s\n", keyring_error->message);

  return g_steal_pointer (&store);
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *id = (gint64)value;
  return TRUE;
}

static char *
known_kinds (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kinds = NULL;

  for (const StoryProvider * const *p = story_provider_list (); *p != NULL; p++)
    g_strv_builder_add (builder, (*p)->kind);
  kinds = g_strv_builder_end (builder);

  return g_strjoinv (", ", kinds);
}

static int
cmd_parse (char **args)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(StoryFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *base_url = NULL;

  const StoryProvider *provider = story_provider_for_kind (options.format);
  const char *page_url;

  if (args[0] == NULL || args[1] != NULL)
    return fail ("usage: storyline-cli parse [--format KIND] [--base-url URL] FILE");
  if (provider == NULL)
    {
      g_autofree char *known = known_kinds ();

      return fail ("unknown format “%s” (known: %s)", options.format, known);
    }

  file = g_file_new_for_commandline_arg (args[0]);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes == NULL)
    return fail ("%s", error->message);

  base_url = options.base_url ? g_strdup (options.base_url) : NULL;
  /* The APIs' pages are read as if fetched from their own address (for paging). */
  page_url = base_url;
  if (page_url == NULL && provider != &story_provider_json_feed)
    page_url = "https://localhost/";
  feed = provider->parse (bytes, NULL, page_url, &error);
  if (feed == NULL)
    return fail ("%s: %s", args[0], error->message);

  json_builder_begin_array (builder);
  for (guint i = 0; i < feed->articles->len; i++)
    add_article (builder, g_ptr_array_index (feed->articles, i), TRUE);
  json_builder_end_array (builder);
  print_json (builder);

  return 0;
}

static int
cmd_sanitize (char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(StorySanitized) clean = NULL;
  g_autofree char *contents = NULL;

  if (args[0] == NULL || args[1] != NULL)
    return fail ("usage: storyline-cli sanitize [--base-url URL] FILE");

  file = g_file_new_for_commandline_arg (args[0]);
  if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, &error))
    return fail ("%s", error->message);

  clean = story_sanitize_html (contents, options.base_url);
  g_print ("%s\n", clean->html);

  return 0;
}

/* A web address goes through discovery: a page that links feeds subscribes
 * to the first one and names the others. Local and bundled files are taken
 * as they are. */
static char *
find_feed (const char  *address,
           char       **title,
           char       **kind,
           gboolean    *needs_api_key,
           char       **api_key,
           gboolean    *needs_login,
           GError     **error)
{
  g_autoptr(StoryHttp) http = story_http_new ();
  g_autoptr(StoryDiscovery) discovery = NULL;
  g_autofree char *url = story_discovery_normalize_url (address);
  g_autofree char *scheme = url ? g_uri_parse_scheme (url) : NULL;
  StoryFeedLink *link;

  if (scheme != NULL && g_ascii_strcasecmp (scheme, "http") != 0 &&
      g_ascii_strcasecmp (scheme, "https") != 0)
    return g_steal_pointer (&url);

  discovery = story_discover (http, address, NULL, error);
  if (discovery == NULL)
    return NULL;

  if (discovery->feed_url != NULL)
    {
      *title = g_strdup (discovery->feed_title);
      *kind = g_strdup (discovery->kind);
      *needs_api_key = discovery->needs_api_key;
      *needs_login = discovery->needs_login;
      *api_key = g_steal_pointer (&discovery->api_key);
      return g_strdup (discovery->feed_url);
    }

  for (guint i = 1; i < discovery->links->len; i++)
    {
      StoryFeedLink *other = g_ptr_array_index (discovery->links, i);
      /* Relative links inherit the page's password: never printed. */
      g_autofree char *shown = story_url_redact (other->url);

      g_printerr ("storyline-cli: the page also links %s%s%s%s\n", shown,
                  other->title ? " (" : "", other->title ?: "", other->title ? ")" : "");
    }

  link = g_ptr_array_index (discovery->links, 0);
  *title = g_strdup (link->title);
  return g_strdup (link->url);
}

/* A key is wiped from memory, not only freed. */
static void
clear_key (char **key)
{
  if (*key != NULL)
    memset (*key, 0, strlen (*key));
  g_clear_pointer (key, g_free);
}

/* The API key comes from the first line of stdin (--api-key-stdin) or from
 * STORYLINE_API_KEY, never from the command line, where ps shows it. */
static char *
read_api_key (void)
{
  char line[4096];
  char *key;

  if (!options.api_key_stdin)
    {
      const char *from_env = g_getenv ("STORYLINE_API_KEY");

      return story_str_empty (from_env) ? NULL : g_strstrip (g_strdup (from_env));
    }

  if (fgets (line, sizeof line, stdin) == NULL)
    return NULL;
  key = g_strstrip (g_strdup (line));
  memset (line, 0, sizeof line);
  if (key[0] == '\0')
    g_clear_pointer (&key, g_free);

  return key;
}

static const char * const key_params[] = { "api-key", "apikey", "apiKey", "token", NULL };

static int
cmd_add_source (char **args)
{
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(StorySource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *title = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *given_key = NULL;
  g_autofree char *url_key = NULL;
  const StoryProvider *provider = NULL;
  gboolean needs_api_key = FALSE;
  gboolean needs_login = FALSE;

  if (args[0] == NULL || args[1] != NULL)
    return fail ("usage: storyline-cli add-source [--kind KIND] [--api-key-stdin] URL");
  if (options.kind != NULL && story_provider_for_kind (options.kind) == NULL)
    {
      g_autofree char *known = known_kinds ();

      return fail ("unknown source kind “%s” (known: %s)", options.kind, known);
    }

  given_key = read_api_key ();

  if (options.kind != NULL && !g_str_equal (options.kind, STORY_PROVIDER_JSON_FEED))
    {
      /* The kind is known: the address is the source, without a key in it. */
      g_autofree char *address = story_discovery_normalize_url (args[0]);

      if (address == NULL)
        return fail ("usage: storyline-cli add-source [--kind KIND] [--api-key-stdin] URL");
      provider = story_provider_for_kind (options.kind);
      kind = g_strdup (provider->kind);
      url = story_provider_url_strip_params (address, key_params, &url_key);
      title = g_strdup (story_provider_get_display_name (provider));
      needs_api_key = provider->needs_api_key;
    }
  else
    {
      url = find_feed (args[0], &title, &kind, &needs_api_key, &url_key, &needs_login, &error);
      if (url == NULL)
        {
          g_autofree char *shown = story_url_redact (args[0]);

          clear_key (&given_key);
          return fail ("%s: %s", shown, error->message);
        }
      if (kind == NULL)
        kind = g_strdup (STORY_PROVIDER_JSON_FEED);
      provider = story_provider_for_kind (kind);
    }

  if (given_key == NULL && !story_str_empty (url_key))
    given_key = g_steal_pointer (&url_key);
  clear_key (&url_key);

  if (needs_login)
    {
      clear_key (&given_key);
      return fail ("%s needs a user name and an app password: give the address as "
                   "https://USER:APP-PASSWORD@server/", story_provider_get_display_name (provider));
    }

  if (needs_api_key && given_key == NULL)
    return fail ("%s needs an API key: give it on stdin with --api-key-stdin, or in "
                 "STORYLINE_API_KEY", story_provider_get_display_name (provider));

  store = open_store (&error);
  if (store == NULL)
    {
      clear_key (&given_key);
      return fail ("%s", error->message);
    }

  source = story_store_add_source (store, kind, url, title, &error);
  if (source == NULL)
    {
      clear_key (&given_key);
      return fail ("%s", error->message);
    }

  if (given_key != NULL)
    {
      g_autofree char *label = g_strdup_printf ("Storyline API key for “%s”",
                                                title != NULL ? title : kind);
      gboolean stored = story_secrets_store_sync (story_source_get_id (source),
                                                  STORY_SECRET_API_KEY, label, given_key, NULL,
                                                  &error);

      clear_key (&given_key);
      if (!stored)
        {
          /* Without its key the source could never sync: it is not kept. */
          story_store_remove_source (store, story_source_get_id (source), NULL);
          return fail ("the API key could not be kept in the keyring, so the source was not "
                       "added: %s", error->message);
        }
    }

  if (options.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, story_source_get_id (source));
      add_string (builder, "kind", story_source_get_kind (source));
      add_url (builder, story_source_get_url (source));
      add_string (builder, "title", story_source_get_title (source));
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    g_print ("%" G_GINT64_FORMAT "\n", story_source_get_id (source));

  return 0;
}

static int
cmd_import_opml (char **args)
{
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  StoryOpmlImportStats stats = { 0 };
  gsize length = 0;

  if (args[0] == NULL || args[1] != NULL)
    return fail ("usage: storyline-cli import-opml FILE");

  if (!g_file_get_contents (args[0], &data, &length, &error))
    return fail ("%s", error->message);

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  if (!story_opml_import (store, data, length, &stats, &error))
    return fail ("%s: %s", args[0], error->message);

  if (options.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "added");
      json_builder_add_int_value (builder, stats.n_added);
      json_builder_set_member_name (builder, "already_subscribed");
      json_builder_add_int_value (builder, stats.n_existing);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    g_print ("%u added, %u already subscribed\n", stats.n_added, stats.n_existing);

  return 0;
}

static int
cmd_export_opml (char **args)
{
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *opml = NULL;

  if (args[0] != NULL)
    return fail ("usage: storyline-cli export-opml > FILE");

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  opml = story_opml_export (store, &error);
  if (opml == NULL)
    return fail ("%s", error->message);

  fputs (opml, stdout);
  return 0;
}

static int
cmd_remove_source (char **args)
{
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (args[0] == NULL || args[1] != NULL || !parse_id (args[0], &id))
    return fail ("usage: storyline-cli remove-source ID");

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  if (!story_store_remove_source (store, id, &error))
    return fail ("%s", error->message);

  return 0;
}

static int
cmd_sources (char **args)
{
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  sources = story_store_list_sources (store, &error);
  if (sources == NULL)
    return fail ("%s", error->message);

  json_builder_begin_array (builder);
  for (guint i = 0; i < sources->len; i++)
    {
      StorySource *source = g_ptr_array_index (sources, i);

      if (options.json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, story_source_get_id (source));
          add_string (builder, "kind", story_source_get_kind (source));
          add_url (builder, story_source_get_url (source));
          add_string (builder, "title", story_source_get_title (source));
          g_auto(StorySourceSyncState) state = { 0 };

          add_time (builder, "last_sync", story_source_get_last_sync (source));
          add_string (builder, "last_error", story_source_get_last_error (source));
          if (story_store_get_sync_state (store, story_source_get_id (source), &state, NULL))
            {
              json_builder_set_member_name (builder, "failures");
              json_builder_add_int_value (builder, state.n_failures);
              add_time (builder, "next_attempt",
                        state.next_attempt > 0 ? state.next_attempt : STORY_TIME_UNKNOWN);
              json_builder_set_member_name (builder, "sync_interval");
              if (state.sync_interval > 0)
                json_builder_add_int_value (builder, state.sync_interval);
              else
                json_builder_add_null_value (builder);
            }
          json_builder_set_member_name (builder, "unread");
          json_builder_add_int_value (builder, story_source_get_unread_count (source));
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *shown = story_url_redact (story_source_get_url (source));

          g_print ("%" G_GINT64_FORMAT "\t%s\t%s%s%s\n", story_source_get_id (source),
                   story_source_get_title (source) ?: "(never synced)", shown,
                   story_source_get_last_error (source) ? "\terror: " : "",
                   story_source_get_last_error (source) ?: "");
        }
    }
  json_builder_end_array (builder);

  if (options.json)
    print_json (builder);

  return 0;
}

static int
cmd_set_interval (char **args)
{
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint64 minutes = 0;
  gint64 id;

  if (args[0] == NULL || args[1] == NULL || args[2] != NULL || !parse_id (args[0], &id) ||
      (!g_str_equal (args[1], "default") &&
       !g_ascii_string_to_unsigned (args[1], 10, 5, 7 * 24 * 60, &minutes, NULL)))
    return fail ("usage: storyline-cli set-interval ID MINUTES|default (5 to 10080 minutes)");

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  if (!story_store_set_sync_interval (store, id, (int)minutes, &error))
    return fail ("%s", error->message);

  return 0;
}

static int
cmd_sync (char **args)
{
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(StorySyncManager) manager = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int status = 0;

  for (guint i = 0; args[i] != NULL; i++)
    {
      gint64 id;

      if (!parse_id (args[i], &id))
        return fail ("“%s” is not a source id", args[i]);
      g_array_append_val (ids, id);
    }

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  manager = story_sync_manager_new (store);
  {
    g_autofree char *image_dir = story_image_cache_dup_default_dir ();
    g_autoptr(StoryImageCache) image_cache = story_image_cache_new (image_dir);

    /* The app and the CLI share one offline image cache, as they share the database. */
    story_image_cache_set_http (image_cache, story_sync_manager_get_http (manager));
    story_sync_manager_set_image_cache (manager, image_cache);
  }
  reports = story_sync_manager_sync (manager,
                                     ids->len > 0 ? (gint64 *)(gpointer)ids->data : NULL,
                                     ids->len, NULL);
  if (reports == NULL)
    return fail ("the article cache could not be read");

  json_builder_begin_array (builder);
  for (guint i = 0; i < reports->len; i++)
    {
      StorySyncReport *report = g_ptr_array_index (reports, i);

      if (report->error != NULL)
        status = 2;

      if (options.json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "source_id");
          json_builder_add_int_value (builder, report->source_id);
          add_string (builder, "title", report->source_title);
          json_builder_set_member_name (builder, "new");
          json_builder_add_int_value (builder, report->n_new);
          json_builder_set_member_name (builder, "updated");
          json_builder_add_int_value (builder, report->n_updated);
          json_builder_set_member_name (builder, "unchanged");
          json_builder_add_int_value (builder, report->n_unchanged);
          json_builder_set_member_name (builder, "not_modified");
          json_builder_add_boolean_value (builder, report->not_modified);
          json_builder_set_member_name (builder, "skipped");
          json_builder_add_boolean_value (builder, report->skipped);
          add_string (builder, "moved_to", report->moved_to);
          add_string (builder, "error", report->error ? report->error->message : NULL);
          json_builder_end_object (builder);
        }
      else if (report->error != NULL)
        g_printerr ("storyline-cli: %s: %s\n",
                    report->source_title ?: "source", report->error->message);
      else if (report->skipped)
        g_print ("%s: skipped, still waiting after its last failure "
                 "(sync it by id to try now)\n", report->source_title);
      else if (report->not_modified)
        g_print ("%s: not changed since the last sync\n", report->source_title);
      else
        g_print ("%s: %u new, %u updated, %u unchanged\n", report->source_title,
                 report->n_new, report->n_updated, report->n_unchanged);
      if (!options.json && report->moved_to != NULL)
        g_print ("%s: moved for good to %s; the subscription follows it\n",
                 report->source_title, report->moved_to);
    }
  json_builder_end_array (builder);

  if (options.json)
    print_json (builder);

  return status;
}

static int
cmd_list (char **args)
{
  StoryArticleQuery query = STORY_ARTICLE_QUERY_INIT;
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (options.theme != NULL)
    {
      guint64 theme_id;

      if (!g_ascii_string_to_unsigned (options.theme, 10, 0, G_MAXINT64, &theme_id, NULL))
        return fail ("“%s” is not a theme id", options.theme);
      query.theme_id = (gint64)theme_id;
    }
  if (options.limit < 0)
    return fail ("--limit must not be negative");

  query.unread_only = options.unread;
  query.starred_only = options.starred;
  query.limit = options.limit;

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  articles = story_store_list_articles (store, &query, &error);
  if (articles == NULL)
    return fail ("%s", error->message);

  json_builder_begin_array (builder);
  for (guint i = 0; i < articles->len; i++)
    {
      if (options.json)
        add_article (builder, g_ptr_array_index (articles, i), FALSE);
      else
        print_article_line (g_ptr_array_index (articles, i));
    }
  json_builder_end_array (builder);

  if (options.json)
    print_json (builder);

  return 0;
}

static int
cmd_show (char **args)
{
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(StoryArticle) article = NULL;
  g_autoptr(GPtrArray) related = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) why = NULL;
  gint64 id;

  if (args[0] == NULL || args[1] != NULL || !parse_id (args[0], &id))
    return fail ("usage: storyline-cli show ID");

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  article = story_store_get_article (store, id, &error);
  if (article != NULL)
    related = story_store_list_related (store, id, 20, &error);
  if (article == NULL || related == NULL)
    return fail ("%s", error->message);

  /* Why the article is in its theme: the words it shares with the others. */
  why = story_store_dup_shared_terms (store, id, 6, &error);
  if (why == NULL && error != NULL)
    return fail ("%s", error->message);

  if (options.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "article");
      add_article (builder, article, TRUE);
      add_string (builder, "theme", story_article_get_theme_label (article));
      add_list (builder, "why", (const char * const *)why);
      json_builder_set_member_name (builder, "more_on_this_theme");
      json_builder_begin_array (builder);
      for (guint i = 0; i < related->len; i++)
        add_article (builder, g_ptr_array_index (related, i), FALSE);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return 0;
    }

  {
    g_autofree char *published = story_date_format_rfc3339 (story_article_get_published (article));
    const char * const *authors = story_article_get_authors (article);
    g_autofree char *by = authors ? g_strjoinv (", ", (char **)authors) : NULL;

    g_print ("%s\n", story_article_get_title (article) ?: "(untitled)");
    g_print ("%s · %s%s%s\n", story_article_get_source_title (article),
             published ? published : "undated", by ? " · " : "", by ? by : "");
    if (story_article_get_url (article))
      g_print ("%s\n", story_article_get_url (article));
    if (story_article_get_theme_label (article))
      g_print ("Theme: %s\n", story_article_get_theme_label (article));
    if (why != NULL)
      {
        g_autofree char *words = g_strjoinv (", ", why);

        g_print ("Shares with the theme: %s\n", words);
      }
    g_print ("\n%s\n", story_article_get_content_text (article) ?: "");
    if (related->len > 0)
      {
        g_print ("\nMore on this theme:\n");
        for (guint i = 0; i < related->len; i++)
          print_article_line (g_ptr_array_index (related, i));
      }
  }

  return 0;
}

static int
cmd_themes (char **args)
{
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GPtrArray) muted = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  themes = story_store_list_themes (store, TRUE, &error);
  if (themes == NULL)
    return fail ("%s", error->message);
  muted = story_store_list_muted_themes (store, &error);
  if (muted == NULL)
    return fail ("%s", error->message);

  json_builder_begin_array (builder);
  for (guint i = 0; i < themes->len; i++)
    {
      StoryTheme *theme = g_ptr_array_index (themes, i);
      GListModel *articles = story_theme_get_articles (theme);
      guint n = g_list_model_get_n_items (articles);

      if (options.json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, story_theme_get_id (theme));
          add_string (builder, "label", story_theme_get_label (theme));
          json_builder_set_member_name (builder, "unread");
          json_builder_add_int_value (builder, story_theme_get_unread_count (theme));
          json_builder_set_member_name (builder, "followed");
          json_builder_add_boolean_value (builder, story_theme_get_followed (theme));
          json_builder_set_member_name (builder, "muted_until");
          json_builder_add_int_value (builder, 0);
          json_builder_set_member_name (builder, "article_ids");
          json_builder_begin_array (builder);
        }
      else
        g_print ("%" G_GINT64_FORMAT "\t%s\t(%u articles, %d unread%s)\n",
                 story_theme_get_id (theme), story_theme_get_label (theme), n,
                 story_theme_get_unread_count (theme),
                 story_theme_get_followed (theme) ? ", followed" : "");

      for (guint j = 0; j < n; j++)
        {
          g_autoptr(StoryArticle) article = g_list_model_get_item (articles, j);

          if (options.json)
            json_builder_add_int_value (builder, story_article_get_id (article));
          else
            g_print ("\t%" G_GINT64_FORMAT "\t%s\n", story_article_get_id (article),
                     story_article_get_title (article) ?: "(untitled)");
        }

      if (options.json)
        {
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
    }

  /* Muted themes are hidden everywhere else; here they are listed, without articles. */
  for (guint i = 0; i < muted->len; i++)
    {
      StoryTheme *theme = g_ptr_array_index (muted, i);
      gint64 until = story_theme_get_muted_until (theme);
      g_autofree char *when = until == STORY_THEME_MUTED_FOREVER ? g_strdup ("for good")
                                                                 : story_date_format_rfc3339 (until);

      if (options.json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, story_theme_get_id (theme));
          add_string (builder, "label", story_theme_get_label (theme));
          json_builder_set_member_name (builder, "followed");
          json_builder_add_boolean_value (builder, story_theme_get_followed (theme));
          json_builder_set_member_name (builder, "muted_until");
          json_builder_add_int_value (builder, until);
          json_builder_set_member_name (builder, "article_ids");
          json_builder_begin_array (builder);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      else
        g_print ("%" G_GINT64_FORMAT "\t%s\t(muted %s%s%s)\n", story_theme_get_id (theme),
                 story_theme_get_label (theme), until == STORY_THEME_MUTED_FOREVER ? "" : "until ",
                 when, story_theme_get_followed (theme) ? ", followed" : "");
    }
  json_builder_end_array (builder);

  if (options.json)
    print_json (builder);

  return 0;
}

static int
cmd_follow_theme (char     **args,
                  gboolean   follow)
{
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (args[0] == NULL || args[1] != NULL || !parse_id (args[0], &id))
    return fail ("usage: storyline-cli %s ID", follow ? "follow-theme" : "unfollow-theme");

  store = open_store (&error);
  if (store == NULL || !story_store_set_theme_followed (store, id, follow, &error))
    return fail ("%s", error->message);

  return 0;
}

static int
cmd_mute_theme (char **args)
{
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 until;
  gint64 id;

  if (args[0] == NULL || args[1] != NULL || !parse_id (args[0], &id) || options.days > 36500)
    return fail ("usage: storyline-cli mute-theme ID [--days N] (for good without --days; "
                 "--days 0 unmutes)");

  if (options.days < 0)
    until = STORY_THEME_MUTED_FOREVER;
  else if (options.days == 0)
    until = 0;
  else
    until = g_get_real_time () / G_USEC_PER_SEC + (gint64)options.days * 24 * 60 * 60;

  store = open_store (&error);
  if (store == NULL || !story_store_mute_theme (store, id, until, &error))
    return fail ("%s", error->message);

  return 0;
}

static void
add_story_json (JsonBuilder    *builder,
                gint64          id,
                const char     *label,
                GArray         *members,
                GPtrArray      *articles)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  add_string (builder, "label", label);
  json_builder_set_member_name (builder, "article_ids");
  json_builder_begin_array (builder);
  for (guint j = 0; j < members->len; j++)
    {
      StoryArticle *article = g_ptr_array_index (articles, g_array_index (members, gint64, j) - 1);

      json_builder_add_string_value (builder, story_article_get_remote_id (article));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
print_story_text (gint64      id,
                  const char *label,
                  GArray     *members,
                  GPtrArray  *articles)
{
  g_print ("%" G_GINT64_FORMAT "\t%s\t(%u articles)\n", id, label, members->len);
  for (guint j = 0; j < members->len; j++)
    {
      StoryArticle *article = g_ptr_array_index (articles, g_array_index (members, gint64, j) - 1);

      g_print ("\t%s\t%s\n", story_article_get_remote_id (article),
               story_article_get_title (article) ?: "(untitled)");
    }
}

/* Clusters feeds without a store: what the app would group, for trying the
 * clusterer on real payloads. Articles alone in their story are "Other news". */
static int
cmd_cluster (char **args)
{
  g_autoptr(StoryClusterer) clusterer = story_clusterer_new ();
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) stories = NULL;
  g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (args[0] == NULL)
    return fail ("usage: storyline-cli cluster [--json] FILE…");

  for (guint i = 0; args[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (args[i]);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(StoryFeed) feed = NULL;
      g_autoptr(GError) error = NULL;

      bytes = g_file_load_bytes (file, NULL, NULL, &error);
      if (bytes != NULL)
        feed = story_json_feed_parse (bytes, options.base_url, &error);
      if (feed == NULL)
        return fail ("%s: %s", args[i], error->message);

      for (guint j = 0; j < feed->articles->len; j++)
        {
          StoryArticle *article = g_ptr_array_index (feed->articles, j);

          g_ptr_array_add (articles, g_object_ref (article));
          story_clusterer_add (clusterer, articles->len,
                               story_article_get_title (article),
                               story_article_get_summary (article),
                               story_article_get_content_text (article),
                               story_article_get_tags (article),
                               story_article_get_published (article),
                               STORY_CLUSTER_NONE);
        }
    }

  g_array_unref (story_clusterer_run (clusterer));
  stories = story_clusterer_dup_stories (clusterer);

  json_builder_begin_array (builder);
  for (guint i = 0; i < stories->len; i++)
    {
      gint64 id = g_array_index (stories, gint64, i);
      g_autoptr(GArray) members = story_clusterer_dup_members (clusterer, id);

      if (members->len < 2)
        {
          g_array_append_vals (others, members->data, members->len);
          continue;
        }
      if (options.json)
        add_story_json (builder, id, story_clusterer_get_label (clusterer, id), members, articles);
      else
        print_story_text (id, story_clusterer_get_label (clusterer, id), members, articles);
    }
  if (others->len > 0)
    {
      if (options.json)
        add_story_json (builder, STORY_THEME_ID_NONE, "Other news", others, articles);
      else
        print_story_text (STORY_THEME_ID_NONE, "Other news", others, articles);
    }
  json_builder_end_array (builder);

  if (options.json)
    print_json (builder);

  return 0;
}

static int
cmd_rename_theme (char **args)
{
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (args[0] == NULL || args[1] == NULL || args[2] != NULL || !parse_id (args[0], &id))
    return fail ("usage: storyline-cli rename-theme ID LABEL");

  store = open_store (&error);
  if (store == NULL || !story_store_rename_theme (store, id, args[1], &error))
    return fail ("%s", error->message);

  return 0;
}

static int
cmd_move_out (char **args)
{
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (args[0] == NULL || args[1] != NULL || !parse_id (args[0], &id))
    return fail ("usage: storyline-cli move-out ID");

  store = open_store (&error);
  if (store == NULL || !story_store_move_out_of_theme (store, id, &error))
    return fail ("%s", error->message);

  return 0;
}

static int
cmd_merge_themes (char **args)
{
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 into, from;

  if (args[0] == NULL || args[1] == NULL || args[2] != NULL || !parse_id (args[0], &into)
      || !parse_id (args[1], &from))
    return fail ("usage: storyline-cli merge-themes INTO-ID FROM-ID");

  store = open_store (&error);
  if (store == NULL || !story_store_merge_themes (store, into, from, &error))
    return fail ("%s", error->message);

  return 0;
}

static int
cmd_search (char **args)
{
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *query = NULL;

  if (args[0] == NULL)
    return fail ("usage: storyline-cli search QUERY");
  if (options.limit < 0)
    return fail ("--limit must not be negative");

  query = g_strjoinv (" ", args);
  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  articles = story_store_search (store, query, options.limit > 0 ? options.limit : 50, &error);
  if (articles == NULL)
    return fail ("%s", error->message);

  json_builder_begin_array (builder);
  for (guint i = 0; i < articles->len; i++)
    {
      if (options.json)
        add_article (builder, g_ptr_array_index (articles, i), FALSE);
      else
        print_article_line (g_ptr_array_index (articles, i));
    }
  json_builder_end_array (builder);

  if (options.json)
    print_json (builder);

  return 0;
}

static int
cmd_set_flag (char     **args,
              gboolean   star,
              gboolean   value)
{
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (args[0] == NULL)
    return fail ("usage: storyline-cli %s ID…", star ? (value ? "star" : "unstar")
                                                      : (value ? "mark-read" : "mark-unread"));

  store = open_store (&error);
  if (store == NULL)
    return fail ("%s", error->message);

  for (guint i = 0; args[i] != NULL; i++)
    {
      gint64 id;
      gboolean ok;

      if (!parse_id (args[i], &id))
        return fail ("“%s” is not an article id", args[i]);

      ok = star ? story_store_set_starred (store, id, value, &error)
                : story_store_set_read (store, id, value, &error);
      if (!ok)
        return fail ("%s", error->message);
    }

  return 0;
}

static const char *usage_text =
  "Commands:\n"
  "  parse [--format KIND] [--base-url URL] FILE        print a payload's normalized articles\n"
  "  sanitize [--base-url URL] FILE                     print a fragment's sanitized HTML\n"
  "  add-source [--kind KIND] [--api-key-stdin] URL    subscribe to a feed, the feed a web\n"
  "                                                     page links to, a WordPress site, a\n"
  "                                                     news API query or a Miniflux server;\n"
  "                                                     an API key comes from stdin or\n"
  "                                                     STORYLINE_API_KEY, never from argv\n"
  "  remove-source ID                                   unsubscribe and drop its articles\n"
  "  sources                                            list sources and their state\n"
  "  sync [SOURCE-ID…]                                  sync now (named sources even when\n"
  "                                                     backing off after failures)\n"
  "  set-interval ID MINUTES|default                   how often the app syncs one source\n"
  "  import-opml FILE | export-opml                     subscription lists (export to stdout)\n"
  "  list [--theme ID] [--unread] [--starred] [--limit N]\n"
  "  show ID                                            an article and more on its theme\n"
  "  themes                                             themes with their article ids, then\n"
  "                                                     the muted ones\n"
  "  search [--limit N] QUERY                           full-text search, best first\n"
  "  cluster FILE…                                      group feed files into stories\n"
  "  rename-theme ID LABEL                              name a theme for good\n"
  "  move-out ID                                        take an article out of its theme\n"
  "  merge-themes INTO-ID FROM-ID                       make two themes one for good\n"
  "  follow-theme ID | unfollow-theme ID                announce new articles in a theme\n"
  "  mute-theme ID [--days N]                           hide a theme for N days, or for good\n"
  "                                                     (--days 0 unmutes)\n"
  "  mark-read ID… | mark-unread ID… | star ID… | unstar ID…";

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options.db_path, "The article cache (default: the app's)", "PATH" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, "Machine-readable output", NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options.format, "Payload kind for parse", "KIND" },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &options.base_url, "Resolve relative URLs against URL", "URL" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &options.kind, "Source kind for add-source", "KIND" },
    { "api-key-stdin", 0, 0, G_OPTION_ARG_NONE, &options.api_key_stdin, "Read the source's API key from the first line of stdin", NULL },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &options.theme, "Only this theme", "ID" },
    { "unread", 0, 0, G_OPTION_ARG_NONE, &options.unread, "Only unread articles", NULL },
    { "starred", 0, 0, G_OPTION_ARG_NONE, &options.starred, "Only starred articles", NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &options.limit, "At most N articles", "N" },
    { "days", 0, 0, G_OPTION_ARG_INT, &options.days, "Mute for N days", "N" },
    { NULL }
  };
  const char *command;
  char **args;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new ("COMMAND [ARGS…]");
  g_option_context_set_summary (context, "Storyline’s headless front end.");
  g_option_context_set_description (context, usage_text);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail ("%s", error->message);

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return 1;
    }

  command = argv[1];
  args = &argv[2];

  if (g_str_equal (command, "parse"))
    return cmd_parse (args);
  if (g_str_equal (command, "sanitize"))
    return cmd_sanitize (args);
  if (g_str_equal (command, "add-source"))
    return cmd_add_source (args);
  if (g_str_equal (command, "remove-source"))
    return cmd_remove_source (args);
  if (g_str_equal (command, "sources"))
    return cmd_sources (args);
  if (g_str_equal (command, "sync"))
    return cmd_sync (args);
  if (g_str_equal (command, "set-interval"))
    return cmd_set_interval (args);
  if (g_str_equal (command, "import-opml"))
    return cmd_import_opml (args);
  if (g_str_equal (command, "export-opml"))
    return cmd_export_opml (args);
  if (g_str_equal (command, "list"))
    return cmd_list (args);
  if (g_str_equal (command, "show"))
    return cmd_show (args);
  if (g_str_equal (command, "themes"))
    return cmd_themes (args);
  if (g_str_equal (command, "search"))
    return cmd_search (args);
  if (g_str_equal (command, "cluster"))
    return cmd_cluster (args);
  if (g_str_equal (command, "rename-theme"))
    return cmd_rename_theme (args);
  if (g_str_equal (command, "move-out"))
    return cmd_move_out (args);
  if (g_str_equal (command, "merge-themes"))
    return cmd_merge_themes (args);
  if (g_str_equal (command, "follow-theme"))
    return cmd_follow_theme (args, TRUE);
  if (g_str_equal (command, "unfollow-theme"))
    return cmd_follow_theme (args, FALSE);
  if (g_str_equal (command, "mute-theme"))
    return cmd_mute_theme (args);
  if (g_str_equal (command, "mark-read"))
    return cmd_set_flag (args, FALSE, TRUE);
  if (g_str_equal (command, "mark-unread"))
    return cmd_set_flag (args, FALSE, FALSE);
  if (g_str_equal (command, "star"))
    return cmd_set_flag (args, TRUE, TRUE);
  if (g_str_equal (command, "unstar"))
    return cmd_set_flag (args, TRUE, FALSE);

  return fail ("unknown command “%s”; see storyline-cli --help", command);
}
