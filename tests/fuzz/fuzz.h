/* fuzz.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What every harness shares. A harness is one fuzz-<name>.c that defines
 * LLVMFuzzerTestOneInput(), calls fuzz_init() first and frees everything it
 * made before it returns: leak detection is on. */

#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Criticals are broken contracts, so they abort and count as findings.
 * Everything else the core logs about hostile input is expected and would
 * only slow the fuzzer down. */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  /* abort() rather than GLib's breakpoint trap, which libFuzzer would not
   * catch: on SIGABRT it saves the input. */
  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL)) != 0)
    {
      g_log_writer_default (log_level & ~G_LOG_FLAG_FATAL, fields, n_fields, user_data);
      abort ();
    }

  return G_LOG_WRITER_HANDLED;
}

static inline void
fuzz_init (void)
{
  static gboolean initialized = FALSE;

  if (initialized)
    return;
  initialized = TRUE;

  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

/* Splits the input at its first line feed: the first line (for instance a
 * base URL) goes to @first_line, %NULL when there is no line feed or the
 * line is empty, and the rest to the return value. The input is cut at its
 * first NUL byte, as the C string it becomes in the app. Free @first_line
 * and the return value with g_free(). */
static inline char *
fuzz_split_first_line (const uint8_t  *data,
                       size_t          size,
                       char          **first_line)
{
  g_autofree char *input = g_strndup ((const char *) data, size);
  char *newline = strchr (input, '\n');

  *first_line = NULL;
  if (newline == NULL)
    return g_steal_pointer (&input);

  *newline = '\0';
  if (input[0] != '\0')
    *first_line = g_strdup (input);

  return g_strdup (newline + 1);
}

G_END_DECLS
