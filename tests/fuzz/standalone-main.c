/* standalone-main.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A main() for compilers without libFuzzer: runs the harness once on each
 * file named on the command line, and on each file in each folder named,
 * the way a libFuzzer binary replays inputs. A crash is a crash either way. */

#include "config.h"

#include "fuzz.h"

#include <stdio.h>
#include <string.h>

static gboolean
run_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }

  fprintf (stderr, "Running: %s\n", path);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);

  return TRUE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
run_path (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;
  gboolean ok = TRUE;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return run_file (path);

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return FALSE;

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_paths);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);

      if (!g_file_test (file, G_FILE_TEST_IS_DIR))
        ok = run_file (file) && ok;
    }

  return ok;
}

int
main (int   argc,
      char *argv[])
{
  gboolean ok = TRUE;

  for (int i = 1; i < argc; i++)
    {
      /* libFuzzer flags mean nothing here. */
      if (argv[i][0] == '-')
        continue;
      ok = run_path (argv[i]) && ok;
    }

  return ok ? 0 : 1;
}
