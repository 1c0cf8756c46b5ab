/* main.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <malloc.h>

#include "story-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StoryApplication) app = NULL;

  /* glibc raises its trim threshold after each big free, up to 64 MiB, and never gives
   * back the free top of a thread's arena below it, not even in malloc_trim(): after a
   * sync of 100,000 articles its threads' arenas kept 7 MiB resident with 1 MiB in use.
   * A fixed threshold keeps it in place. MALLOC_TRIM_THRESHOLD_ set by the user wins. */
  if (g_getenv ("MALLOC_TRIM_THRESHOLD_") == NULL)
    mallopt (M_TRIM_THRESHOLD, 1024 * 1024);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Storyline"));
  story_application_choose_renderer ();

  app = story_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
