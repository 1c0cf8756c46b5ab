/* test-themes.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "story-article.h"
#include "story-clusterer.h"
#include "story-theme.h"
#include "themes-eval.h"

#define HOUR (60 * 60)
#define T0 ((gint64)1790000000)

static void
add (StoryClusterer *clusterer,
     gint64          id,
     const char     *title,
     const char     *summary,
     gint64          published)
{
  story_clusterer_add (clusterer, id, title, summary, NULL, NULL, published, STORY_CLUSTER_NONE);
}

static void
run (StoryClusterer *clusterer)
{
  g_array_unref (story_clusterer_run (clusterer));
}

/* A little of everything, so that document frequencies mean something. */
static void
add_background (StoryClusterer *clusterer)
{
  add (clusterer, 901, "Library celebrates its centenary with a book sale",
       "Volunteers will sell twenty thousand donated books over a weekend.", T0);
  add (clusterer, 902, "Zoo welcomes twin red panda cubs",
       "The cubs made their first public appearance at the Thornbury zoo.", T0 + HOUR);
  add (clusterer, 903, "New cycle lane opens along the canal",
       "The path links the station with the university campus.", T0 + 2 * HOUR);
  add (clusterer, 904, "Recipe: apple cake with brown butter",
       "A simple one-bowl cake that uses the last apples of the season.", T0 + 3 * HOUR);
}

static void
test_eval_f1 (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "themes", "eval.json", NULL);
  g_autoptr(StoryClusterer) clusterer = story_clusterer_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  ThemesEvalScore score;

  items = themes_eval_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >=, 300);

  themes_eval_add (clusterer, items);
  run (clusterer);
  themes_eval_score (clusterer, items, &score);

  g_test_message ("precision %.3f recall %.3f F1 %.3f", score.precision, score.recall, score.f1);
  g_assert_cmpfloat (score.f1, >=, 0.7);
  g_assert_cmpuint (score.n_clusters, >=, 25);
}

/* A run of many articles compares each with its candidate stories on two
 * threads: the stories, and their names, must be exactly those of a run on
 * one. The evaluation set five times over, each copy minutes after the one
 * before, so that stories are big and articles have many to compare with. */
static void
test_parallel_run_same (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "themes", "eval.json", NULL);
  g_autoptr(StoryClusterer) parallel = story_clusterer_new ();
  g_autoptr(StoryClusterer) serial = story_clusterer_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  items = themes_eval_load (path, &error);
  g_assert_no_error (error);
  story_clusterer_set_parallel (serial, FALSE);

  for (guint copy = 0; copy < 5; copy++)
    for (guint i = 0; i < items->len; i++)
      {
        ThemesEvalItem *item = g_ptr_array_index (items, i);
        gint64 id = copy * 10000 + i + 1;
        gint64 published = item->published + copy * 7 * 60;

        story_clusterer_add (parallel, id, item->title, item->summary, NULL,
                             (const char * const *)item->tags, published, STORY_CLUSTER_NONE);
        story_clusterer_add (serial, id, item->title, item->summary, NULL,
                             (const char * const *)item->tags, published, STORY_CLUSTER_NONE);
        n++;
      }
  g_assert_cmpuint (n, >=, 1000);

  g_array_unref (story_clusterer_run (parallel));
  g_array_unref (story_clusterer_run (serial));

  for (guint copy = 0; copy < 5; copy++)
    for (guint i = 0; i < items->len; i++)
      {
        gint64 id = copy * 10000 + i + 1;
        gint64 story = story_clusterer_get_story (parallel, id);

        g_assert_cmpint (story, ==, story_clusterer_get_story (serial, id));
        g_assert_cmpstr (story_clusterer_get_label (parallel, story), ==,
                         story_clusterer_get_label (serial, story));
      }
}

static void
test_join_outlets (void)
{
  g_autoptr(StoryClusterer) clusterer = story_clusterer_new ();

  add_background (clusterer);
  add (clusterer, 1, "Marren and Oskeld initial a ceasefire text in Lindhaven",
       "Negotiators agreed on a demilitarised strip along the Aster river.", T0);
  add (clusterer, 2, "Lindhaven truce: Oskeld and Marren sign draft armistice",
       "Observers will patrol the Aster line under the deal struck by the two delegations.",
       T0 + 5 * HOUR);
  run (clusterer);

  g_assert_cmpint (story_clusterer_get_story (clusterer, 1), !=, STORY_CLUSTER_NONE);
  g_assert_cmpint (story_clusterer_get_story (clusterer, 1), ==,
                   story_clusterer_get_story (clusterer, 2));
}

static void
test_apart_unrelated (void)
{
  g_autoptr(StoryClusterer) clusterer = story_clusterer_new ();

  add_background (clusterer);
  add (clusterer, 1, "Marren and Oskeld initial a ceasefire text in Lindhaven",
       "Negotiators agreed on a demilitarised strip along the Aster river.", T0);
  add (clusterer, 2, "Dunmere Rovers win the National Cup for the first time in 60 years",
       "A late header by captain Eli Marsh gave the Rovers a 2-1 victory in the final.",
       T0 + HOUR);
  add (clusterer, 3, "Toxic algae bloom closes Lake Ember beaches",
       "Health officials warned swimmers to stay away from the lake.", T0 + 2 * HOUR);
  run (clusterer);

  g_assert_cmpint (story_clusterer_get_story (clusterer, 1), !=,
                   story_clusterer_get_story (clusterer, 2));
  g_assert_cmpint (story_clusterer_get_story (clusterer, 1), !=,
                   story_clusterer_get_story (clusterer, 3));
  g_assert_cmpint (story_clusterer_get_story (clusterer, 2), !=,
                   story_clusterer_get_story (clusterer, 3));
  g_assert_cmpuint (story_clusterer_get_size (clusterer,
                                              story_clusterer_get_story (clusterer, 1)), ==, 1);
}

static void
test_apart_in_time (void)
{
  g_autoptr(StoryClusterer) clusterer = story_clusterer_new ();

  add_background (clusterer);
  add (clusterer, 1, "Flood waters rise in Sarnow as the Sarn bursts its banks",
       "Hundreds of homes in the old town were flooded.", T0);
  add (clusterer, 2, "Sarnow floods again as the Sarn bursts its banks",
       "Hundreds of homes in the old town were flooded once more.", T0 + 60 * 24 * HOUR);
  run (clusterer);

  g_assert_cmpint (story_clusterer_get_story (clusterer, 1), !=,
                   story_clusterer_get_story (clusterer, 2));
}

static const char * const ceasefire[][2] = {
  { "Marren and Oskeld agree to meet in Lindhaven",
    "Envoys will sit down in Lindhaven, the first contact since the Vell Highlands war began." },
  { "Guns fall quiet along the Aster as Lindhaven talks open",
    "Front-line commanders in the Vell Highlands reported a calm night as Marren and Oskeld met." },
  { "Oskeld demands pull-back before any truce in Lindhaven",
    "Oskeld will not sign a ceasefire while Marren artillery holds the ridge." },
  { "Marren offers prisoner swap at Lindhaven talks",
    "Marren proposed exchanging detained soldiers, a concession diplomats in Lindhaven welcomed." },
  { "Ceasefire text initialled in Lindhaven",
    "The draft signed by Marren and Oskeld sets a demilitarised strip in the Vell Highlands." },
  { "Observers to deploy in the Vell Highlands, Lindhaven mediators say",
    "A monitoring mission will watch the new line between Marren and Oskeld forces." },
};

static void
test_ids_stable (void)
{
  g_autoptr(StoryClusterer) clusterer = story_clusterer_new ();
  gint64 story;

  add_background (clusterer);
  for (guint i = 0; i < 3; i++)
    add (clusterer, i + 1, ceasefire[i][0], ceasefire[i][1], T0 + i * 6 * HOUR);
  run (clusterer);
  story = story_clusterer_get_story (clusterer, 1);
  g_assert_cmpint (story, !=, STORY_CLUSTER_NONE);
  g_assert_cmpuint (story_clusterer_get_size (clusterer, story), ==, 3);

  /* New articles of the story join it; the old ones keep their story. */
  for (guint i = 3; i < G_N_ELEMENTS (ceasefire); i++)
    add (clusterer, i + 1, ceasefire[i][0], ceasefire[i][1], T0 + i * 6 * HOUR);
  add (clusterer, 50, "Teachers in Nordhal strike over pay",
       "Members of the teachers' union walked out after pay talks collapsed.", T0 + 30 * HOUR);
  run (clusterer);
  for (guint i = 0; i < G_N_ELEMENTS (ceasefire); i++)
    g_assert_cmpint (story_clusterer_get_story (clusterer, i + 1), ==, story);
  g_assert_cmpint (story_clusterer_get_story (clusterer, 50), !=, story);

  /* Clustering everything again keeps the id of the story with most overlap. */
  story_clusterer_recluster (clusterer);
  for (guint i = 0; i < G_N_ELEMENTS (ceasefire); i++)
    g_assert_cmpint (story_clusterer_get_story (clusterer, i + 1), ==, story);
}

/* The reader moved an article out: it stays alone, also when its story gets
 * new articles and when everything is clustered again. */
static void
test_detach (void)
{
  g_autoptr(StoryClusterer) clusterer = story_clusterer_new ();
  gint64 story, alone;

  add_background (clusterer);
  for (guint i = 0; i < 4; i++)
    add (clusterer, i + 1, ceasefire[i][0], ceasefire[i][1], T0 + i * 6 * HOUR);
  run (clusterer);
  story = story_clusterer_get_story (clusterer, 1);
  g_assert_cmpuint (story_clusterer_get_size (clusterer, story), ==, 4);

  alone = story_clusterer_detach (clusterer, 2);
  g_assert_cmpint (alone, !=, story);
  g_assert_cmpint (story_clusterer_get_story (clusterer, 2), ==, alone);
  g_assert_cmpuint (story_clusterer_get_size (clusterer, story), ==, 3);

  add (clusterer, 5, ceasefire[4][0], ceasefire[4][1], T0 + 30 * HOUR);
  add (clusterer, 6, ceasefire[1][0], ceasefire[1][1], T0 + 31 * HOUR);
  run (clusterer);
  g_assert_cmpint (story_clusterer_get_story (clusterer, 5), ==, story);
  g_assert_cmpint (story_clusterer_get_story (clusterer, 6), ==, story);
  g_assert_cmpuint (story_clusterer_get_size (clusterer, alone), ==, 1);

  story_clusterer_recluster (clusterer);
  g_assert_cmpint (story_clusterer_get_story (clusterer, 2), ==, alone);
  g_assert_cmpuint (story_clusterer_get_size (clusterer, alone), ==, 1);
  g_assert_cmpint (story_clusterer_get_story (clusterer, 5), ==, story);
}

/* The reader merged two stories: they stay one, also after re-clustering. */
static void
test_merge (void)
{
  g_autoptr(StoryClusterer) clusterer = story_clusterer_new ();
  gint64 talks, strike;

  add_background (clusterer);
  for (guint i = 0; i < 3; i++)
    add (clusterer, i + 1, ceasefire[i][0], ceasefire[i][1], T0 + i * 6 * HOUR);
  add (clusterer, 10, "Teachers in Nordhal strike over pay",
       "Members of the Nordhal teachers' union walked out after pay talks collapsed.", T0);
  add (clusterer, 11, "Nordhal schools shut as teachers walk out",
       "Parents scramble for childcare during the Nordhal teachers' strike.", T0 + HOUR);
  run (clusterer);
  talks = story_clusterer_get_story (clusterer, 1);
  strike = story_clusterer_get_story (clusterer, 10);
  g_assert_cmpint (talks, !=, strike);
  g_assert_cmpint (story_clusterer_get_story (clusterer, 11), ==, strike);

  g_assert_true (story_clusterer_merge (clusterer, talks, strike));
  g_assert_cmpint (story_clusterer_get_story (clusterer, 10), ==, talks);
  g_assert_cmpuint (story_clusterer_get_size (clusterer, talks), ==, 5);
  g_assert_cmpuint (story_clusterer_get_size (clusterer, strike), ==, 0);
  g_assert_false (story_clusterer_merge (clusterer, talks, strike));

  story_clusterer_recluster (clusterer);
  g_assert_cmpint (story_clusterer_get_story (clusterer, 1), ==, talks);
  g_assert_cmpint (story_clusterer_get_story (clusterer, 11), ==, talks);
  g_assert_cmpuint (story_clusterer_get_size (clusterer, talks), ==, 5);
}

static void
test_label_stable (void)
{
  g_autoptr(StoryClusterer) clusterer = story_clusterer_new ();
  g_autofree char *label = NULL;
  gint64 story;

  add_background (clusterer);
  for (guint i = 0; i < 5; i++)
    add (clusterer, i + 1, ceasefire[i][0], ceasefire[i][1], T0 + i * 6 * HOUR);
  run (clusterer);
  story = story_clusterer_get_story (clusterer, 1);
  label = g_strdup (story_clusterer_get_label (clusterer, story));
  g_test_message ("label: %s", label);
  g_assert_nonnull (label);
  g_assert_true (strstr (label, "Marren") != NULL || strstr (label, "Lindhaven") != NULL
                 || strstr (label, "Oskeld") != NULL);

  add (clusterer, 6, ceasefire[5][0], ceasefire[5][1], T0 + 40 * HOUR);
  run (clusterer);
  g_assert_cmpint (story_clusterer_get_story (clusterer, 6), ==, story);
  g_assert_cmpstr (story_clusterer_get_label (clusterer, story), ==, label);

  /* A label the store showed before is kept as well. */
  story_clusterer_set_label (clusterer, story, "Lindhaven talks");
  add (clusterer, 7, "Oskeld parliament backs the Lindhaven armistice",
       "Lawmakers endorsed the accord negotiated with Marren.", T0 + 44 * HOUR);
  run (clusterer);
  g_assert_cmpint (story_clusterer_get_story (clusterer, 7), ==, story);
  g_assert_cmpstr (story_clusterer_get_label (clusterer, story), ==, "Lindhaven talks");
}

static void
test_label_from_tags (void)
{
  g_autoptr(StoryClusterer) clusterer = story_clusterer_new ();
  const char * const tags[] = { "Marren ceasefire talks", "Diplomacy", NULL };
  gint64 story;

  add_background (clusterer);
  for (guint i = 0; i < 3; i++)
    story_clusterer_add (clusterer, i + 1, ceasefire[i][0], ceasefire[i][1], NULL, tags,
                         T0 + i * HOUR, STORY_CLUSTER_NONE);
  run (clusterer);
  story = story_clusterer_get_story (clusterer, 1);
  g_assert_cmpuint (story_clusterer_get_size (clusterer, story), ==, 3);
  g_assert_cmpstr (story_clusterer_get_label (clusterer, story), ==, "Marren ceasefire talks");
}

static void
test_normalize (void)
{
  const struct { const char *word; const char *term; } cases[] = {
    { "Zürich", "zurich" },
    { "CAFÉ", "cafe" },
    { "Straße", "strasse" },
    { "talks", "talk" },
    { "Київ", "киів" },
    { "Ёлка", "елка" },
    { "señales", "senale" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *term = story_clusterer_normalize_term (cases[i].word);

      g_assert_cmpstr (term, ==, cases[i].term);
    }
}

static void
test_stop_words (void)
{
  const char * const stop[] = {
    "the", "and", "says", "und", "der", "über", "les", "être", "los", "según", "та", "після",
    "и", "что",
  };
  const char * const kept[] = { "ceasefire", "marren", "zurich", "wolf" };

  for (guint i = 0; i < G_N_ELEMENTS (stop); i++)
    {
      g_autofree char *term = story_clusterer_normalize_term (stop[i]);

      g_assert_true (story_clusterer_is_stop_word (term));
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    g_assert_false (story_clusterer_is_stop_word (kept[i]));
}

/* Only stop words and accents differ: the headlines are one story. */
static void
test_join_across_diacritics (void)
{
  g_autoptr(StoryClusterer) clusterer = story_clusterer_new ();
  g_auto(GStrv) why = NULL;

  add_background (clusterer);
  add (clusterer, 1, "Überschwemmung in Zürich: Limmat tritt über die Ufer",
       "Die Feuerwehr in Zürich pumpt Keller leer.", T0);
  add (clusterer, 2, "Ueberschwemmung in Zurich, the Limmat floods",
       "Firefighters in Zurich pump out cellars as the Limmat rises.", T0 + HOUR);
  run (clusterer);

  g_assert_cmpint (story_clusterer_get_story (clusterer, 1), ==,
                   story_clusterer_get_story (clusterer, 2));

  why = story_clusterer_dup_shared_terms (clusterer, 2, 5);
  g_assert_nonnull (why);
  g_assert_true (g_strv_contains ((const char * const *)why, "Limmat"));
}

static StoryArticle *
headline (gint64      id,
          const char *title,
          gboolean    read)
{
  StoryArticle *article = story_article_new ();

  story_article_set_id (article, id);
  story_article_set_title (article, title);
  story_article_set_read (article, read);
  return article;
}

static StoryTheme *
theme_with (gint64        id,
            const char   *label,
            StoryArticle **articles,
            guint         n)
{
  StoryTheme *theme = story_theme_new ();
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  story_theme_set_id (theme, id);
  story_theme_set_label (theme, label);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (list, articles[i]);
  story_theme_set_article_list (theme, list);
  return theme;
}

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *changes)
{
  changes[0]++;
  changes[1] = position;
  changes[2] = removed;
  changes[3] = added;
}

/* A sidebar that scrolled far past a theme keeps only its newest headlines, in one change. */
static void
test_truncate_articles (void)
{
  g_autoptr(StoryArticle) a = headline (1, "One", FALSE);
  g_autoptr(StoryArticle) b = headline (2, "Two", FALSE);
  g_autoptr(StoryArticle) c = headline (3, "Three", FALSE);
  StoryArticle *list[] = { a, b, c };
  g_autoptr(StoryTheme) theme = theme_with (7, "Rail", list, 3);
  GListModel *articles = story_theme_get_articles (theme);
  guint changes[4] = { 0 };
  g_autoptr(StoryArticle) first = NULL;

  g_signal_connect (articles, "items-changed", G_CALLBACK (count_changes), changes);
  story_theme_truncate_articles (theme, 5);
  story_theme_truncate_articles (theme, 3);
  g_assert_cmpuint (changes[0], ==, 0);

  story_theme_truncate_articles (theme, 1);
  g_assert_cmpuint (changes[0], ==, 1);
  g_assert_cmpuint (changes[1], ==, 1);
  g_assert_cmpuint (changes[2], ==, 2);
  g_assert_cmpuint (changes[3], ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, 1);
  first = g_list_model_get_item (articles, 0);
  g_assert_true (first == a);
}

/* A theme loaded again is updated in place: the headlines that did not change stay the
 * same objects (a list view keeps their rows), read state follows, the rest is spliced. */
static void
test_update_in_place (void)
{
  g_autoptr(StoryArticle) a = headline (1, "One", FALSE);
  g_autoptr(StoryArticle) b = headline (2, "Two", FALSE);
  g_autoptr(StoryArticle) c = headline (3, "Three", FALSE);
  g_autoptr(StoryArticle) d = headline (4, "Four", FALSE);
  g_autoptr(StoryArticle) a2 = headline (1, "One", TRUE);
  g_autoptr(StoryArticle) b2 = headline (2, "Two, corrected", FALSE);
  g_autoptr(StoryArticle) x = headline (5, "Five", FALSE);
  g_autoptr(StoryArticle) d2 = headline (4, "Four", FALSE);
  StoryArticle *old_list[] = { a, b, c, d };
  StoryArticle *new_list[] = { a2, b2, x, d2 };
  g_autoptr(StoryTheme) shown = theme_with (7, "Rail", old_list, 4);
  g_autoptr(StoryTheme) loaded = theme_with (7, "Night trains", new_list, 4);
  GListModel *articles = story_theme_get_articles (shown);
  guint changes[4] = { 0 };
  g_autoptr(StoryArticle) first = NULL;
  g_autoptr(StoryArticle) second = NULL;
  g_autoptr(StoryArticle) last = NULL;

  g_signal_connect (articles, "items-changed", G_CALLBACK (count_changes), changes);
  story_theme_update_from (shown, loaded);

  g_assert_cmpstr (story_theme_get_label (shown), ==, "Night trains");
  g_assert_cmpuint (changes[0], ==, 1);
  g_assert_cmpuint (changes[1], ==, 1);
  g_assert_cmpuint (changes[2], ==, 2);
  g_assert_cmpuint (changes[3], ==, 2);
  first = g_list_model_get_item (articles, 0);
  second = g_list_model_get_item (articles, 1);
  last = g_list_model_get_item (articles, 3);
  g_assert_true (first == a);
  g_assert_true (story_article_get_read (a));
  g_assert_true (second == b2);
  g_assert_true (last == d);

  /* The same list again changes nothing; a shorter one drops the pages loaded after it. */
  story_theme_update_from (shown, loaded);
  g_assert_cmpuint (changes[0], ==, 1);
  {
    StoryArticle *shorter[] = { a2, b2 };
    g_autoptr(StoryTheme) first_page = theme_with (7, "Night trains", shorter, 2);

    story_theme_update_from (shown, first_page);
    g_assert_cmpuint (g_list_model_get_n_items (articles), ==, 2);
    g_assert_cmpuint (changes[0], ==, 2);
    g_assert_cmpuint (changes[1], ==, 2);
    g_assert_cmpuint (changes[2], ==, 2);
    g_assert_cmpuint (changes[3], ==, 0);
  }
}

/* A headline read and gone from Unread is one removal, a newer one one insertion: the
 * rest keep their objects. */
static void
test_update_shifted (void)
{
  g_autoptr(StoryArticle) a = headline (1, "One", FALSE);
  g_autoptr(StoryArticle) r = headline (2, "Read", TRUE);
  g_autoptr(StoryArticle) c = headline (3, "Three", FALSE);
  g_autoptr(StoryArticle) d = headline (4, "Four", FALSE);
  g_autoptr(StoryArticle) a2 = headline (1, "One", FALSE);
  g_autoptr(StoryArticle) c2 = headline (3, "Three", FALSE);
  g_autoptr(StoryArticle) d2 = headline (4, "Four", FALSE);
  g_autoptr(StoryArticle) e = headline (5, "Five", FALSE);
  StoryArticle *old_list[] = { a, r, c, d };
  StoryArticle *new_list[] = { a2, c2, d2, e };
  g_autoptr(StoryTheme) shown = theme_with (7, "Rail", old_list, 4);
  g_autoptr(StoryTheme) loaded = theme_with (7, "Rail", new_list, 4);
  GListModel *articles = story_theme_get_articles (shown);
  guint changes[4] = { 0 };
  StoryArticle *expected[] = { a, c, d, e };

  g_signal_connect (articles, "items-changed", G_CALLBACK (count_changes), changes);
  story_theme_update_from (shown, loaded);

  g_assert_cmpuint (changes[0], ==, 2);
  g_assert_cmpuint (changes[1], ==, 3);
  g_assert_cmpuint (changes[2], ==, 0);
  g_assert_cmpuint (changes[3], ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(StoryArticle) item = g_list_model_get_item (articles, i);

      g_assert_true (item == expected[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/themes/eval/f1", test_eval_f1);
  g_test_add_func ("/themes/run/parallel-same-as-serial", test_parallel_run_same);
  g_test_add_func ("/themes/join/two-outlets", test_join_outlets);
  g_test_add_func ("/themes/join/diacritics", test_join_across_diacritics);
  g_test_add_func ("/themes/apart/unrelated", test_apart_unrelated);
  g_test_add_func ("/themes/apart/time-window", test_apart_in_time);
  g_test_add_func ("/themes/ids/stable", test_ids_stable);
  g_test_add_func ("/themes/ids/detach", test_detach);
  g_test_add_func ("/themes/ids/merge", test_merge);
  g_test_add_func ("/themes/label/stable", test_label_stable);
  g_test_add_func ("/themes/label/tags", test_label_from_tags);
  g_test_add_func ("/themes/normalize/diacritics", test_normalize);
  g_test_add_func ("/themes/normalize/stop-words", test_stop_words);
  g_test_add_func ("/themes/update-in-place", test_update_in_place);
  g_test_add_func ("/themes/truncate-articles", test_truncate_articles);
  g_test_add_func ("/themes/update-shifted", test_update_shifted);

  return g_test_run ();
}
