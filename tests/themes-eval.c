/* themes-eval.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Loads tests/data/themes/eval.json and scores a clustering against its
 * labels: shared by the themes test and the themes benchmark. */

#include "config.h"

#include "themes-eval.h"

#include <json-glib/json-glib.h>

static void
item_free (ThemesEvalItem *item)
{
  g_free (item->id);
  g_free (item->outlet);
  g_free (item->title);
  g_free (item->summary);
  g_strfreev (item->tags);
  g_free (item->story);
  g_free (item);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

GPtrArray *
themes_eval_load (const char  *path,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)item_free);
  JsonObject *root;
  JsonArray *array;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;

  root = json_node_get_object (json_parser_get_root (parser));
  array = json_object_get_array_member (root, "items");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      ThemesEvalItem *item = g_new0 (ThemesEvalItem, 1);
      g_autoptr(GDateTime) when = NULL;
      g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();

      item->id = g_strdup (member_string (object, "id"));
      item->outlet = g_strdup (member_string (object, "outlet"));
      item->title = g_strdup (member_string (object, "title"));
      item->summary = g_strdup (member_string (object, "summary"));
      item->story = g_strdup (member_string (object, "story"));
      when = g_date_time_new_from_iso8601 (member_string (object, "published"), NULL);
      item->published = when != NULL ? g_date_time_to_unix (when) : G_MININT64;
      if (json_object_has_member (object, "tags"))
        {
          JsonArray *list = json_object_get_array_member (object, "tags");

          for (guint j = 0; j < json_array_get_length (list); j++)
            g_strv_builder_add (tags, json_array_get_string_element (list, j));
        }
      item->tags = g_strv_builder_end (tags);
      g_ptr_array_add (items, item);
    }

  return g_steal_pointer (&items);
}

/* Article ids are the items' indices plus one. */
void
themes_eval_add (StoryClusterer *clusterer,
                 GPtrArray      *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      ThemesEvalItem *item = g_ptr_array_index (items, i);

      story_clusterer_add (clusterer, i + 1, item->title, item->summary, NULL,
                           (const char * const *)item->tags, item->published,
                           STORY_CLUSTER_NONE);
    }
}

/* Pairwise precision and recall: of the pairs put together, how many belong
 * together; of the pairs that belong together, how many were put together. */
void
themes_eval_score (StoryClusterer  *clusterer,
                   GPtrArray       *items,
                   ThemesEvalScore *score)
{
  g_autoptr(GArray) stories = g_array_sized_new (FALSE, FALSE, sizeof (gint64), items->len);
  g_autoptr(GArray) all = story_clusterer_dup_stories (clusterer);
  guint64 tp = 0, fp = 0, fn = 0;

  for (guint i = 0; i < items->len; i++)
    {
      gint64 story = story_clusterer_get_story (clusterer, i + 1);

      g_array_append_val (stories, story);
    }

  for (guint i = 0; i < items->len; i++)
    for (guint j = i + 1; j < items->len; j++)
      {
        ThemesEvalItem *a = g_ptr_array_index (items, i);
        ThemesEvalItem *b = g_ptr_array_index (items, j);
        gboolean same = a->story != NULL && g_strcmp0 (a->story, b->story) == 0;
        gboolean together = g_array_index (stories, gint64, i) != STORY_CLUSTER_NONE
                            && g_array_index (stories, gint64, i)
                               == g_array_index (stories, gint64, j);

        if (same && together)
          tp++;
        else if (together)
          fp++;
        else if (same)
          fn++;
      }

  score->precision = tp + fp > 0 ? (double)tp / (tp + fp) : 0;
  score->recall = tp + fn > 0 ? (double)tp / (tp + fn) : 0;
  score->f1 = score->precision + score->recall > 0
              ? 2 * score->precision * score->recall / (score->precision + score->recall)
              : 0;
  score->n_clusters = 0;
  for (guint i = 0; i < all->len; i++)
    if (story_clusterer_get_size (clusterer, g_array_index (all, gint64, i)) >= 2)
      score->n_clusters++;
}
