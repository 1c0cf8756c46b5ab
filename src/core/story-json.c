/* story-json.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "story-json"

#include "config.h"

#include "story-json.h"

#include <string.h>

static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  if (object == NULL)
    return NULL;

  return json_object_get_member (object, member);
}

const char *
story_json_get_string (JsonObject *object,
                       const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

JsonObject *
story_json_node_object (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

JsonObject *
story_json_get_object (JsonObject *object,
                       const char *member)
{
  return story_json_node_object (get_member (object, member));
}

JsonArray *
story_json_get_array (JsonObject *object,
                      const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

gboolean
story_json_get_boolean (JsonObject *object,
                        const char *member,
                        gboolean    default_value)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return default_value;

  return json_node_get_boolean (node);
}

/* Ids are strings, but servers send numbers too: coerce integral numbers,
 * refuse everything else. A blank id counts as none. */
char *
story_json_dup_id (JsonObject *object,
                   const char *member)
{
  JsonNode *node = get_member (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    {
      g_autofree char *id = g_strstrip (g_strdup (json_node_get_string (node)));

      if (id[0] == '\0')
        return NULL;
      return g_steal_pointer (&id);
    }
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      /* Casting a double outside the gint64 range is undefined: 1e300 is
       * not an integer id. 2^63 itself is one past G_MAXINT64. */
      if (value >= (double) G_MININT64 && value < -(double) G_MININT64 &&
          value == (double)(gint64)value)
        return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)value);
      return g_strdup_printf ("%.17g", value);
    }

  return NULL;
}

/**
 * story_json_skip_string_text:
 * @data: (array length=size): JSON text
 * @i: where to start, inside a string
 *
 * Scanners that walk a document's structure without parsing it skip its
 * strings' text, most of a feed, 8 bytes at a time.
 *
 * Returns: the index of the first quote or backslash at or after @i, or @size
 */
gsize
story_json_skip_string_text (const char *data,
                             gsize       i,
                             gsize       size)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);

  for (; i + 8 <= size; i += 8)
    {
      guint64 word, quote, backslash, found;

      memcpy (&word, data + i, sizeof word);
      /* Byte 0 lowest whatever the machine: the first match is the lowest. */
      word = GUINT64_FROM_LE (word);
      quote = word ^ (ones * '"');
      backslash = word ^ (ones * '\\');
      /* A byte that is zero after the XOR sets its high bit here; bytes
       * above it may too, but the lowest set bit is always a real match. */
      found = (((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)) & highs;
      if (found != 0)
        return i + (__builtin_ctzll (found) >> 3);
    }
  for (; i < size; i++)
    if (data[i] == '"' || data[i] == '\\')
      return i;

  return size;
}
