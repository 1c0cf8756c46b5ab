/* story-image-cache.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Images for offline reading. Each image an article shows is downloaded
 * once, while syncing, into a content-addressed folder (the file name is the
 * SHA-256 of its URL), and the reading pane serves it from there through the
 * storyline://image/ scheme, so a cached article reads the same with no
 * network. The store keeps which images are wanted, fetched or failed, and
 * evicts the least recently fetched past the size cap. */

#define G_LOG_DOMAIN "story-images"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "story-http.h"
#include "story-image-cache.h"

struct _StoryImageCache
{
  GObject      parent_instance;

  char        *dir;
  StoryHttp   *http;
  gsize        max_image_size;
  gint64       max_total_size;
};

G_DEFINE_FINAL_TYPE (StoryImageCache, story_image_cache, G_TYPE_OBJECT)
G_DEFINE_QUARK (story-image-cache-error-quark, story_image_cache_error)

static void
story_image_cache_finalize (GObject *object)
{
  StoryImageCache *self = (StoryImageCache *)object;

  g_clear_object (&self->http);
  g_free (self->dir);

  G_OBJECT_CLASS (story_image_cache_parent_class)->finalize (object);
}

static void
story_image_cache_class_init (StoryImageCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = story_image_cache_finalize;
}

static void
story_image_cache_init (StoryImageCache *self)
{
  self->max_image_size = STORY_IMAGE_CACHE_MAX_IMAGE_SIZE;
  self->max_total_size = STORY_IMAGE_CACHE_MAX_TOTAL_SIZE;
}

/**
 * story_image_cache_set_http:
 * @http: the application's HTTP client, so images share its one session,
 *   its limits and its user agent
 */
void
story_image_cache_set_http (StoryImageCache *self,
                            StoryHttp       *http)
{
  g_return_if_fail (STORY_IS_IMAGE_CACHE (self));
  g_return_if_fail (STORY_IS_HTTP (http));

  g_set_object (&self->http, http);
}

static StoryHttp *
get_http (StoryImageCache *self)
{
  /* A cache used on its own (the CLI, tests) makes a client of its own. */
  if (self->http == NULL)
    self->http = story_http_new ();

  return self->http;
}

char *
story_image_cache_dup_default_dir (void)
{
  /* The data folder, not the cache folder: these images are the offline copy
   * of articles the user keeps, not something to throw away under pressure. */
  return g_build_filename (g_get_user_data_dir (), "storyline", "images", NULL);
}

/**
 * story_image_cache_new:
 * @dir: the folder to keep images in
 *
 * Returns: (transfer full): an image cache
 */
StoryImageCache *
story_image_cache_new (const char *dir)
{
  StoryImageCache *self;

  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (STORY_TYPE_IMAGE_CACHE, NULL);
  self->dir = g_strdup (dir);

  return self;
}

const char *
story_image_cache_get_dir (StoryImageCache *self)
{
  g_return_val_if_fail (STORY_IS_IMAGE_CACHE (self), NULL);

  return self->dir;
}

void
story_image_cache_set_limits (StoryImageCache *self,
                              gsize            max_image_size,
                              gint64           max_total_size)
{
  g_return_if_fail (STORY_IS_IMAGE_CACHE (self));

  self->max_image_size = max_image_size;
  self->max_total_size = max_total_size;
}

/**
 * story_image_cache_dup_path:
 *
 * Returns: (transfer full): where the image of @url is (or would be) kept
 */
char *
story_image_cache_dup_path (StoryImageCache *self,
                            const char      *url)
{
  g_autofree char *hash = NULL;
  char prefix[3];

  g_return_val_if_fail (STORY_IS_IMAGE_CACHE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  prefix[0] = hash[0];
  prefix[1] = hash[1];
  prefix[2] = '\0';

  return g_build_filename (self->dir, prefix, hash, NULL);
}

/**
 * story_image_cache_sniff:
 *
 * Returns: (nullable): the image type the bytes start with, or %NULL when
 *   they are not an image Storyline shows
 */
const char *
story_image_cache_sniff (const guchar *data,
                         gsize         length)
{
  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (length >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    return "image/jpeg";
  if (length >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return "image/gif";
  if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";
  if (length >= 12 && memcmp (data + 4, "ftypavif", 8) == 0)
    return "image/avif";

  /* SVG is text: accept it only when it says so near the start. An SVG in an
   * <img> cannot run script, and the page's policy forbids script anyway. */
  if (length >= 5)
    {
      gsize n = MIN (length, 1024);
      g_autofree char *head = g_ascii_strdown ((const char *)data, n);

      if (g_strstr_len (head, n, "<svg") != NULL)
        return "image/svg+xml";
    }

  return NULL;
}

static gboolean
is_web_url (const char *url)
{
  return g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://");
}

/**
 * story_image_cache_fetch:
 * @size: (out) (optional): the image's size in bytes
 *
 * Downloads one image into the cache; the size cap is enforced while
 * reading, and what arrives must be an image. Written atomically: a crash
 * leaves no half image behind.
 */
gboolean
story_image_cache_fetch (StoryImageCache  *self,
                         const char       *url,
                         gsize            *size,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autoptr(StoryHttpResponse) response = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  StoryHttpRequest request = { 0 };
  const guchar *data;
  gsize length;

  g_return_val_if_fail (STORY_IS_IMAGE_CACHE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!is_web_url (url))
    {
      g_set_error (error, STORY_IMAGE_CACHE_ERROR, STORY_IMAGE_CACHE_ERROR_UNSUPPORTED,
                   _("Images are only downloaded from web addresses"));
      return FALSE;
    }

  request.url = url;
  request.accept = "image/avif,image/webp,image/png,image/jpeg,image/gif,image/svg+xml;q=0.8";
  request.max_body_size = self->max_image_size;

  /* The size cap is enforced while the body streams in. */
  response = story_http_get (get_http (self), &request, NULL, cancellable, &local_error);
  if (response == NULL)
    {
      if (g_error_matches (local_error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_TOO_LARGE))
        {
          g_autofree char *limit = g_strdup_printf ("%" G_GSIZE_FORMAT,
                                                    MAX (self->max_image_size / (1024 * 1024), 1));

          /* Translators: %s is a number of mebibytes */
          g_set_error (error, STORY_IMAGE_CACHE_ERROR, STORY_IMAGE_CACHE_ERROR_TOO_LARGE,
                       _("The image is larger than %s MiB"), limit);
        }
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (response->body == NULL)
    {
      g_set_error (error, STORY_IMAGE_CACHE_ERROR, STORY_IMAGE_CACHE_ERROR_HTTP,
                   _("The server sent no image"));
      return FALSE;
    }

  data = g_bytes_get_data (response->body, &length);
  if (story_image_cache_sniff (data, length) == NULL)
    {
      g_set_error (error, STORY_IMAGE_CACHE_ERROR, STORY_IMAGE_CACHE_ERROR_NOT_AN_IMAGE,
                   _("The server sent something that is not an image"));
      return FALSE;
    }

  path = story_image_cache_dup_path (self, url);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the image folder: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_file_set_contents_full (path, (const char *)data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  if (size != NULL)
    *size = length;

  return TRUE;
}

static void
delete_image_file (StoryImageCache *self,
                   const char      *url)
{
  g_autofree char *path = story_image_cache_dup_path (self, url);

  if (g_unlink (path) != 0 && errno != ENOENT)
    g_debug ("Could not delete a cached image: %s", g_strerror (errno));
}

/**
 * story_image_cache_fetch_pending:
 * @limit: fetch at most this many images (0: all that are wanted)
 * @stats: (out caller-allocates) (optional): what happened
 *
 * Downloads the images that stored articles show and that are not cached
 * yet, newest articles first; then evicts the least recently fetched images
 * past the total size cap. One image's failure is recorded on it and the
 * others go on. Call it from a worker thread.
 *
 * Returns: %FALSE only when the store could not be used or on cancel
 */
gboolean
story_image_cache_fetch_pending (StoryImageCache       *self,
                                 StoryStore            *store,
                                 guint                  limit,
                                 StoryImageFetchStats  *stats,
                                 GCancellable          *cancellable,
                                 GError               **error)
{
  g_autoptr(GPtrArray) urls = NULL;
  g_autoptr(GPtrArray) evicted = NULL;
  StoryImageFetchStats local_stats = { 0 };

  g_return_val_if_fail (STORY_IS_IMAGE_CACHE (self), FALSE);
  g_return_val_if_fail (STORY_IS_STORE (store), FALSE);

  urls = story_store_list_wanted_images (store, limit, error);
  if (urls == NULL)
    return FALSE;

  for (guint i = 0; i < urls->len; i++)
    {
      const char *url = g_ptr_array_index (urls, i);
      g_autoptr(GError) local_error = NULL;
      gsize size = 0;

      if (story_image_cache_fetch (self, url, &size, cancellable, &local_error))
        {
          local_stats.n_fetched++;
          if (!story_store_set_image_fetched (store, url, size, error))
            return FALSE;
          continue;
        }

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      g_debug ("An image could not be cached: %s", local_error->message);
      local_stats.n_failed++;
      if (!story_store_set_image_failed (store, url, error))
        return FALSE;
    }

  evicted = story_store_evict_images (store, self->max_total_size, error);
  if (evicted == NULL)
    return FALSE;

  for (guint i = 0; i < evicted->len; i++)
    delete_image_file (self, g_ptr_array_index (evicted, i));
  local_stats.n_evicted = evicted->len;

  if (stats != NULL)
    *stats = local_stats;

  return TRUE;
}
