/* story-util.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A time that a source did not give, or gave in a form nobody can read. */
#define STORY_TIME_UNKNOWN G_MININT64

gboolean story_set_str  (char              **str_pointer,
                         const char         *new_str);
gboolean story_set_strv (char             ***strv_pointer,
                         const char * const *new_strv);
gboolean story_str_empty (const char        *str);
char    *story_url_redact (const char        *url);
char    *story_url_split_credentials (const char  *url,
                                      char       **credentials);
gboolean story_login_parse (const char  *credentials,
                            char       **user,
                            char       **password);
void     story_str_wipe   (char              *str);
gboolean story_uri_same_origin (GUri        *a,
                                GUri        *b);
gboolean story_utf8_validate (const char     *text,
                              gsize           length);
char    *story_utf8_make_valid (const char   *text,
                                gssize        length);
void     story_thread_yield_to_writer (void);
guint64  story_hash64     (const void        *data,
                           gsize              length,
                           guint64            seed);

G_END_DECLS
