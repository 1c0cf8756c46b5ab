/* story-clusterer.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Groups articles from many sources into stories.
 *
 * Each article becomes a weighted bag of normalised terms: case folded,
 * diacritics stripped, stop words of six languages dropped, English plurals
 * folded, words that look like names (capitalised inside a sentence) and the
 * headline weighted up, the source's tags added as whole-tag terms. Articles
 * are compared to a story's centroid by TF-IDF cosine, only with stories whose
 * articles lie within a few days of the new one. Articles are assigned in time
 * order and incrementally: an article that is close enough joins the best
 * story, otherwise it starts its own. Story ids therefore never change for
 * articles that were already assigned; a full re-clustering maps its new
 * stories to the old ids by largest overlap. */

#define G_LOG_DOMAIN "story-clusterer"

#include "config.h"

#include "story-clusterer.h"
#include "story-util.h"

#include <math.h>
#include <string.h>

/* Tuned on tests/data/themes/eval.json with benchmarks/bench-themes.c: F1
 * stays within 0.01 of its best for thresholds from 0.08 to 0.14, and names
 * weighted 2.5 times beat 1.6 (0.87) and plain words (0.83). Discounting the
 * single strongest shared word, to keep apart two stories about one place,
 * traded as much recall as it won precision. */
#define JOIN_THRESHOLD      0.11
#define TIME_WINDOW         (4 * 24 * 60 * 60)
#define TAG_TIME_WINDOW     (10 * 24 * 60 * 60)
#define TAG_BOOST           1.6
#define SPECIFIC_TAG_BOOST  3.0
#define SPECIFIC_TAG_SPREAD 2
#define TITLE_WEIGHT        2.0f
#define SUMMARY_WEIGHT      1.0f
#define TEXT_WEIGHT         0.5f
#define TAG_WEIGHT          1.5f
#define ENTITY_BOOST        2.5f
#define TEXT_PREFIX_BYTES   600
#define MAX_TAGS            3
#define LABEL_TERMS         3
#define PROBE_RUN           32

/* A small open-addressing map from term id to weight: centroids change with
 * every article that joins, and a GHashTable of boxed floats costs too much. */
typedef struct
{
  guint key;     /* term id + 1; 0 marks an empty slot */
  float value;
} TermSlot;

/* Keys and weights side by side, so that a probe reads one cache line:
 * comparing an article with a story probes the story's map once per term
 * of the article, and most of those terms are not in it. */
typedef struct
{
  TermSlot *slots;
  guint     size;   /* a power of two */
  guint     used;
} TermMap;

typedef struct
{
  guint term;
  float weight;
} TermWeight;

typedef struct _Story Story;

/* A term's IDF as last computed, and for how many documents (plus one; 0
 * when never): comparing an article with its candidate stories asks for the
 * same few terms' weights thousands of times between two additions. */
typedef struct
{
  double value;
  guint  n_docs;
} IdfCache;

/* A story that uses a term, and when it first did. */
typedef struct
{
  Story  *story;
  gint64  since;
} Posting;

typedef struct
{
  gint64      article_id;
  gint64      published;
  char       *title;
  char       *first_tag;       /* normalised, or NULL */
  char       *first_tag_label;
  guint       first_tag_term;  /* G_MAXUINT without tags */
  TermWeight *terms;
  guint       n_terms;
  float       norm_cache;
  guint       norm_epoch;
  Story      *story;
  gint64      wanted_story;    /* a known id given by the caller */
  gboolean    pending;
  gboolean    fixed;           /* the reader moved it out: it stays alone */
  gboolean    pinned;          /* the reader merged its story: it stays there */
} Doc;

struct _Story
{
  gint64     id;
  GPtrArray *members;          /* Doc*, not owned */
  TermMap    centroid;
  guint64   *filter;           /* (nullable): see story_filter_fit() */
  guint      filter_log2;      /* the filter's size in bits, as a power of two */
  gint64     earliest;
  gint64     latest;
  double     norm;
  double     norm_sq;          /* norm², kept up to date as articles join */
  guint      norm_epoch;
  gboolean   dirty;
  char      *label;
  guint      labelled_size;
  guint      stamp;
  gboolean   closed;           /* holds an article the reader moved out */
};

struct _StoryClusterer
{
  GObject     parent_instance;

  GHashTable *term_ids;        /* char* → term id + 1 */
  GPtrArray  *terms;           /* char* */
  GPtrArray  *surfaces;        /* char*: how the term is written, for labels */
  GArray     *df;              /* guint */
  GArray     *idf;             /* IdfCache, per term */
  GPtrArray  *postings;        /* GArray* of Posting, per term */

  GPtrArray  *docs;            /* Doc*, owned */
  GHashTable *docs_by_id;      /* gint64* → Doc* */
  GHashTable *stories;         /* gint64* → Story*, owned */
  gint64      next_id;
  guint       stamp;
  guint       epoch;           /* bumped when the document count grows by a tenth */
  gboolean    serial;          /* a run never scores on a second thread */
  guint       epoch_docs;
};

G_DEFINE_FINAL_TYPE (StoryClusterer, story_clusterer, G_TYPE_OBJECT)

/* Term maps */

static void
term_map_init (TermMap *map,
               guint    size)
{
  map->size = size;
  map->used = 0;
  map->slots = g_new0 (TermSlot, size);
}

static void
term_map_clear (TermMap *map)
{
  g_clear_pointer (&map->slots, g_free);
  map->size = map->used = 0;
}

static inline guint
term_hash (guint key)
{
  return key * 2654435761u;
}

static float *
term_map_lookup (const TermMap *map,
                 guint          term)
{
  guint key = term + 1;
  guint mask = map->size - 1;

  if (map->size == 0)
    return NULL;

  for (guint i = term_hash (key) & mask;; i = (i + 1) & mask)
    {
      if (map->slots[i].key == key)
        return &map->slots[i].value;
      if (map->slots[i].key == 0)
        return NULL;
    }
}

static inline void
term_map_prefetch (const TermMap *map,
                   guint          term)
{
  __builtin_prefetch (&map->slots[term_hash (term + 1) & (map->size - 1)]);
}

static float *term_map_add (TermMap  *map,
                            guint     term,
                            float     weight,
                            gboolean *created);

static void
term_map_grow (TermMap *map)
{
  TermMap bigger;

  term_map_init (&bigger, map->size * 2);
  for (guint i = 0; i < map->size; i++)
    if (map->slots[i].key != 0)
      term_map_add (&bigger, map->slots[i].key - 1, map->slots[i].value, NULL);
  term_map_clear (map);
  *map = bigger;
}

/* Returns: the term's weight, after the addition */
static float *
term_map_add (TermMap  *map,
              guint     term,
              float     weight,
              gboolean *created)
{
  guint key = term + 1;
  guint mask;
  guint i;

  /* At most half full: a term that is not there is found out after two
   * or three slots, not eight as at three quarters (clustering 10,000
   * articles took 230 ms instead of 195). */
  if ((map->used + 1) * 2 > map->size)
    term_map_grow (map);

  mask = map->size - 1;
  for (i = term_hash (key) & mask; map->slots[i].key != 0; i = (i + 1) & mask)
    {
      if (map->slots[i].key == key)
        {
          map->slots[i].value += weight;
          if (created != NULL)
            *created = FALSE;
          return &map->slots[i].value;
        }
    }

  map->slots[i].key = key;
  map->slots[i].value = weight;
  map->used++;
  if (created != NULL)
    *created = TRUE;
  return &map->slots[i].value;
}

/* Normalisation */

/* Function words of English, German, French, Spanish, Ukrainian and Russian,
 * plus the verbs and fillers every newsroom uses. Written with their
 * diacritics; they are normalised like any other word when the set is built. */
static const char stop_words_text[] =
  /* English */
  "a about above after again against all also am an and any are as at be because been before "
  "being below between both but by can could did do does doing down during each few for from "
  "further had has have having he her here hers herself him himself his how i if in into is it "
  "its itself just me more most my no nor not now of off on once only or other our ours out "
  "over own same she should so some such than that the their theirs them then there these they "
  "this those through to too under until up very was we were what when where which while who "
  "whom why will with would you your yours new says said say will would may might must one two "
  "three first last week weeks day days year years today yesterday tomorrow monday tuesday "
  "wednesday thursday friday saturday sunday morning night time times per cent percent "
  "according report reports reported news update live latest people get got make made amid "
  "back still next many much well us its it's how why what via told tells set sets "
  /* German */
  "aber alle allem allen aller alles als also am an ander andere auch auf aus bei bin bis "
  "bist da damit dann das dass dem den der des dich die dies diese dieser dieses dir doch dort "
  "du durch ein eine einem einen einer eines er es etwas euch euer für gegen hab habe haben hat "
  "hatte hier hin ich ihm ihn ihr im in ist ja jede jedem jeden jeder jetzt kann kein keine man "
  "mich mit muss nach nicht nichts noch nun nur ob oder ohne sehr sein seine sich sie sind so "
  "soll über um und uns unter vom von vor war waren was weil wenn wer wie wir wird wo zu zum zur "
  "zwischen sagt heute "
  /* French */
  "au aux avec ce ces cette dans de des du elle en et eux il ils je la le les leur lui ma mais "
  "me même mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta "
  "te tes toi ton tu un une vos votre vous été être avoir fait plus selon après avant sans sous "
  "entre chez aussi très "
  /* Spanish */
  "al algo ante como con contra cual cuando de del desde donde durante el ella ellas ellos en "
  "entre era es esa ese eso esta este esto estos fue ha han hasta hay la las le les lo los más "
  "me mi muy nada ni no nos o os para pero por porque que quien se sea ser si sin sobre su sus "
  "también te tiene todo tras tu un una uno unos y ya según tras "
  /* Ukrainian */
  "і й та але або в у на з із до від за про по для як що це цей ця ці той та ті він вона воно "
  "вони ми ви я ти його її їх не ні так же вже ще тут там коли де чи бо після перед під над між "
  "через також який яка яке які "
  /* Russian */
  "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне "
  "было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него "
  "до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для "
  "мы тебя их чем была сам чтобы без будто чего раз тоже себе под будет ж тогда кто этот того "
  "потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем "
  "всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про "
  "всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том "
  "нельзя такой им более всегда конечно всю между";

static GHashTable *stop_words;

/* Folds case, strips diacritics and drops what is not a letter or digit. */
static char *
fold_word (const char *word,
           gssize      len)
{
  g_autofree char *decomposed = NULL;
  GString *out;
  gboolean ascii = TRUE;

  if (len < 0)
    len = strlen (word);

  for (gssize i = 0; i < len; i++)
    if ((guchar)word[i] >= 0x80)
      {
        ascii = FALSE;
        break;
      }

  if (ascii)
    {
      char *copy = g_ascii_strdown (word, len);
      return copy;
    }

  decomposed = g_utf8_normalize (word, len, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_sized_new (len);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK
          || type == G_UNICODE_ENCLOSING_MARK)
        continue;
      if (!g_unichar_isalnum (c))
        continue;
      if (c == 0x00DF)   /* ß */
        {
          g_string_append (out, "ss");
          continue;
        }
      g_string_append_unichar (out, g_unichar_tolower (c));
    }

  return g_string_free (out, FALSE);
}

/* English plurals and possessives are the commonest difference between two
 * outlets' words for one thing ("talks", "talk"); anything heavier than this
 * hurts names and the other languages. Returns: the stemmed word's length */
static gsize
stem_ascii_word (char  *word,
                 gsize  len)
{
  if (len > 4 && word[len - 3] == 'i' && word[len - 2] == 'e' && word[len - 1] == 's')
    {
      word[len - 3] = 'y';
      word[len - 2] = '\0';
      return len - 2;
    }
  if (len > 3 && word[len - 1] == 's' && word[len - 2] != 's' && word[len - 2] != 'u'
      && word[len - 2] != 'i')
    {
      word[len - 1] = '\0';
      return len - 1;
    }

  return len;
}

static void
stem_word (char *word)
{
  gsize len = strlen (word);

  for (gsize i = 0; i < len; i++)
    if ((guchar)word[i] >= 0x80)
      return;

  stem_ascii_word (word, len);
}

static gpointer
build_stop_words (gpointer data)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) words = g_strsplit_set (stop_words_text, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      char *folded;

      if (words[i][0] == '\0')
        continue;
      folded = fold_word (words[i], -1);
      stem_word (folded);
      g_hash_table_add (set, folded);
    }

  return set;
}

static GHashTable *
get_stop_words (void)
{
  static GOnce once = G_ONCE_INIT;

  stop_words = g_once (&once, build_stop_words, NULL);
  return stop_words;
}

/**
 * story_clusterer_normalize_term:
 * @word: one word
 *
 * Returns: (transfer full): the word as the clusterer compares it: case
 *   folded, without diacritics, English plural folded
 */
char *
story_clusterer_normalize_term (const char *word)
{
  char *folded;

  g_return_val_if_fail (word != NULL, NULL);

  folded = fold_word (word, -1);
  stem_word (folded);
  return folded;
}

/**
 * story_clusterer_is_stop_word:
 * @term: a normalised term
 *
 * Returns: whether the term carries no meaning of its own
 */
gboolean
story_clusterer_is_stop_word (const char *term)
{
  g_return_val_if_fail (term != NULL, FALSE);

  return g_hash_table_contains (get_stop_words (), term);
}

/* Terms */

/* What term_ids holds for a stop word, which gets no id: a word is looked up
 * once, for its id or to learn that it does not count. */
#define STOP_WORD GUINT_TO_POINTER (G_MAXUINT)

static guint
intern_term (StoryClusterer *self,
             const char     *term,
             gboolean       *created)
{
  gpointer value = g_hash_table_lookup (self->term_ids, term);
  guint id;

  if (value == STOP_WORD)
    {
      *created = FALSE;
      return G_MAXUINT;
    }
  if (value != NULL)
    {
      *created = FALSE;
      return GPOINTER_TO_UINT (value) - 1;
    }

  id = self->terms->len;
  g_ptr_array_add (self->terms, g_strdup (term));
  g_ptr_array_add (self->surfaces, NULL);
  g_ptr_array_add (self->postings, g_array_new (FALSE, FALSE, sizeof (Posting)));
  g_array_set_size (self->df, id + 1);
  g_hash_table_insert (self->term_ids, g_ptr_array_index (self->terms, id),
                       GUINT_TO_POINTER (id + 1));
  *created = TRUE;
  return id;
}

static void
set_surface (StoryClusterer *self,
             guint           term,
             const char     *word,
             gsize           len,
             gboolean        sentence_start)
{
  char **surface = (char **)&g_ptr_array_index (self->surfaces, term);

  /* A capital at the start of a sentence says nothing about the word. */
  if (*surface != NULL && sentence_start)
    return;
  if (*surface != NULL && strncmp (*surface, word, len) == 0 && (*surface)[len] == '\0')
    return;

  g_free (*surface);
  *surface = sentence_start ? g_utf8_strdown (word, len) : g_strndup (word, len);
}

static gboolean
is_capitalised (const char *word)
{
  return g_unichar_isupper (g_utf8_get_char (word));
}

static gboolean
is_all_digits (const char *word)
{
  for (; *word != '\0'; word++)
    if (!g_ascii_isdigit (*word))
      return FALSE;
  return TRUE;
}

/* Words of at most this many bytes, all ASCII, are folded in place of a
 * copy: nearly every word of an English article. */
#define ASCII_WORD_MAX 64

static void
add_words (StoryClusterer *self,
           TermMap        *bag,
           const char     *text,
           gsize           max_bytes,
           float           weight)
{
  gboolean sentence_start = TRUE;
  const char *p = text;

  if (text == NULL)
    return;

  while (*p != '\0' && (gsize)(p - text) < max_bytes)
    {
      char ascii_term[ASCII_WORD_MAX + 1];
      g_autofree char *folded = NULL;
      const char *start;
      const char *term;
      gboolean ascii = TRUE;
      gboolean created;
      gsize term_len;
      float w;
      guint id;

      /* ASCII is told apart without GLib's Unicode tables. */
      if ((guchar)*p < 0x80)
        {
          if (!g_ascii_isalnum (*p))
            {
              if (*p == '.' || *p == '!' || *p == '?' || *p == ':' || *p == ';' || *p == '"'
                  || *p == '|')
                sentence_start = TRUE;
              p++;
              continue;
            }
        }
      else
        {
          gunichar c = g_utf8_get_char (p);

          if (!g_unichar_isalnum (c))
            {
              if (c == 0x201C || c == 0x2014)
                sentence_start = TRUE;
              p = g_utf8_next_char (p);
              continue;
            }
        }

      start = p;
      while (*p != '\0')
        {
          gunichar d;

          if ((guchar)*p < 0x80)
            {
              if (!g_ascii_isalnum (*p))
                break;
              p++;
              continue;
            }

          d = g_utf8_get_char (p);
          if (!g_unichar_isalnum (d) && g_unichar_type (d) != G_UNICODE_NON_SPACING_MARK)
            break;
          ascii = FALSE;
          p = g_utf8_next_char (p);
        }

      if (ascii && (gsize)(p - start) <= ASCII_WORD_MAX)
        {
          for (gsize i = 0; i < (gsize)(p - start); i++)
            ascii_term[i] = start[i] >= 'A' && start[i] <= 'Z' ? start[i] + ('a' - 'A') : start[i];
          ascii_term[p - start] = '\0';
          term_len = stem_ascii_word (ascii_term, p - start);
          term = ascii_term;
        }
      else
        {
          folded = fold_word (start, p - start);
          stem_word (folded);
          term = folded;
          term_len = g_utf8_strlen (term, -1);
        }

      if (term_len < 2 || is_all_digits (term))
        {
          sentence_start = FALSE;
          continue;
        }

      id = intern_term (self, term, &created);
      if (id == G_MAXUINT)
        {
          sentence_start = FALSE;
          continue;
        }

      w = weight;
      if (!sentence_start && is_capitalised (start))
        w *= ENTITY_BOOST;

      set_surface (self, id, start, p - start, sentence_start);
      term_map_add (bag, id, w, NULL);
      sentence_start = FALSE;
    }
}

static char *
fold_tag (const char *tag)
{
  g_autofree char *folded = NULL;
  g_autofree char *tmp = g_strdup (tag);

  folded = fold_word (g_strstrip (tmp), -1);
  if (folded[0] == '\0')
    return NULL;
  return g_strconcat ("#", folded, NULL);
}

static int
compare_term_weight (gconstpointer a,
                     gconstpointer b)
{
  const TermWeight *x = a;
  const TermWeight *y = b;

  return (x->term > y->term) - (x->term < y->term);
}

/* Documents */

static void
doc_free (Doc *doc)
{
  g_free (doc->title);
  g_free (doc->first_tag);
  g_free (doc->first_tag_label);
  g_free (doc->terms);
  g_free (doc);
}

static void
story_free (Story *story)
{
  g_ptr_array_unref (story->members);
  term_map_clear (&story->centroid);
  g_free (story->filter);
  g_free (story->label);
  g_free (story);
}

/* A term's document frequency changes only when a document is added, which
 * also changes the count, so the cache is keyed on the count alone. */
static inline double
idf (StoryClusterer *self,
     guint           term)
{
  IdfCache *cached;
  double n = self->docs->len;
  double df;

  if (term >= self->idf->len)
    g_array_set_size (self->idf, self->df->len);
  cached = &g_array_index (self->idf, IdfCache, term);
  if (cached->n_docs == self->docs->len + 1)
    return cached->value;

  df = g_array_index (self->df, guint, term);
  cached->value = log ((n + 1.0) / (df + 0.5));
  cached->n_docs = self->docs->len + 1;
  return cached->value;
}

static void
bump_epoch (StoryClusterer *self)
{
  /* Norms depend on IDF, which drifts as documents arrive; recomputing them
   * whenever the collection grows by a tenth keeps them close enough. */
  if (self->docs->len > self->epoch_docs + self->epoch_docs / 10)
    {
      self->epoch++;
      self->epoch_docs = self->docs->len;
    }
}

static double
doc_norm (StoryClusterer *self,
          Doc            *doc)
{
  double sum = 0;

  if (doc->norm_epoch == self->epoch && doc->norm_cache > 0)
    return doc->norm_cache;

  for (guint i = 0; i < doc->n_terms; i++)
    {
      double w = doc->terms[i].weight * idf (self, doc->terms[i].term);
      sum += w * w;
    }
  doc->norm_cache = sqrt (sum);
  doc->norm_epoch = self->epoch;
  return doc->norm_cache;
}

static double
story_norm (StoryClusterer *self,
            Story          *story)
{
  double sum = 0;

  if (!story->dirty && story->norm_epoch == self->epoch)
    return story->norm;

  for (guint i = 0; i < story->centroid.size; i++)
    {
      if (story->centroid.slots[i].key != 0)
        {
          double w = story->centroid.slots[i].value * idf (self, story->centroid.slots[i].key - 1);
          sum += w * w;
        }
    }
  story->norm_sq = sum;
  story->norm = sqrt (sum);
  story->norm_epoch = self->epoch;
  story->dirty = FALSE;
  return story->norm;
}

/* Each story has a filter of its centroid's terms, a bit per term's hash and
 * eight bits per term, so that most of an article's terms that the story lacks
 * are told apart from a small array instead of its centroid: a story of a
 * hundred articles has a centroid of thousands of terms, far bigger than the
 * caches, and most of an article's terms are not in it. One absent term in
 * about nine still reaches the centroid. */
#define FILTER_BITS_PER_TERM 8
#define FILTER_MIN_LOG2      9

static inline guint
filter_bit (guint term,
            guint log2)
{
  return (guint)(((guint64)term + 1) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) >> (64 - log2));
}

static inline void
filter_add (Story *story,
            guint  term)
{
  guint bit = filter_bit (term, story->filter_log2);

  story->filter[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
}

static inline gboolean
filter_may_hold (const Story *story,
                 guint        term)
{
  guint bit;

  if (story->filter == NULL)
    return TRUE;
  bit = filter_bit (term, story->filter_log2);
  return (story->filter[bit / 64] >> (bit % 64)) & 1;
}

/* Makes the filter again, bigger, once the centroid has outgrown it. */
static void
story_filter_fit (Story *story)
{
  guint log2 = FILTER_MIN_LOG2;

  if (story->filter != NULL
      && (guint64)story->centroid.used * FILTER_BITS_PER_TERM <= (G_GUINT64_CONSTANT (1) << story->filter_log2))
    return;

  while ((G_GUINT64_CONSTANT (1) << log2) < (guint64)story->centroid.used * FILTER_BITS_PER_TERM)
    log2++;
  g_free (story->filter);
  story->filter = g_new0 (guint64, (G_GUINT64_CONSTANT (1) << log2) / 64);
  story->filter_log2 = log2;
  for (guint i = 0; i < story->centroid.size; i++)
    if (story->centroid.slots[i].key != 0)
      filter_add (story, story->centroid.slots[i].key - 1);
}

/* Cosine similarity of an article and a story's centroid. @idfs: the IDF
 * of each of the article's terms, when the caller has them at hand. */
static double
similarity_with (StoryClusterer *self,
                 Doc            *doc,
                 const double   *idfs,
                 Story          *story)
{
  double dot = 0;
  double norms;

  /* In runs: the terms the filter lets through, whose slots are then asked
   * for all at once, so that the centroid's cache misses overlap instead of
   * each waiting for the one before. */
  for (guint start = 0; start < doc->n_terms; start += PROBE_RUN)
    {
      guint end = MIN (start + PROBE_RUN, doc->n_terms);
      guint maybe[PROBE_RUN];
      guint n = 0;

      for (guint i = start; i < end; i++)
        {
          maybe[n] = i;
          n += filter_may_hold (story, doc->terms[i].term);
        }
      if (story->centroid.size > 0)
        for (guint k = 0; k < n; k++)
          term_map_prefetch (&story->centroid, doc->terms[maybe[k]].term);

      for (guint k = 0; k < n; k++)
        {
          guint i = maybe[k];
          float *c = term_map_lookup (&story->centroid, doc->terms[i].term);

          if (c != NULL)
            {
              double w = idfs != NULL ? idfs[i] : idf (self, doc->terms[i].term);

              dot += doc->terms[i].weight * *c * w * w;
            }
        }
    }

  norms = doc_norm (self, doc) * story_norm (self, story);
  return norms > 0 ? dot / norms : 0;
}

static double
similarity (StoryClusterer *self,
            Doc            *doc,
            Story          *story)
{
  return similarity_with (self, doc, NULL, story);
}

/**
 * story_clusterer_add:
 * @article_id: the caller's id for the article, unique in this clusterer
 * @text: (nullable): the start of the body text; only its beginning is read
 * @tags: (nullable) (array zero-terminated=1): the source's tags, sections or
 *   categories for the article, most specific first
 * @published: Unix time, or %STORY_TIME_UNKNOWN
 * @story_id: the story the article is known to belong to, or
 *   %STORY_CLUSTER_NONE to let story_clusterer_run() assign one
 *
 * Adds an article. It is assigned to a story by the next
 * story_clusterer_run(); adding an id twice is ignored.
 */
void
story_clusterer_add (StoryClusterer     *self,
                     gint64              article_id,
                     const char         *title,
                     const char         *summary,
                     const char         *text,
                     const char * const *tags,
                     gint64              published,
                     gint64              story_id)
{
  TermMap bag;
  Doc *doc;
  guint n = 0;

  g_return_if_fail (STORY_IS_CLUSTERER (self));

  if (g_hash_table_contains (self->docs_by_id, &article_id))
    return;

  term_map_init (&bag, 64);
  add_words (self, &bag, title, G_MAXSIZE, TITLE_WEIGHT);
  add_words (self, &bag, summary, G_MAXSIZE, SUMMARY_WEIGHT);
  add_words (self, &bag, text, TEXT_PREFIX_BYTES, TEXT_WEIGHT);

  doc = g_new0 (Doc, 1);
  doc->article_id = article_id;
  doc->published = published;
  doc->title = g_strdup (title);
  doc->wanted_story = story_id;
  doc->pending = TRUE;
  doc->first_tag_term = G_MAXUINT;

  for (guint i = 0; tags != NULL && tags[i] != NULL && i < MAX_TAGS; i++)
    {
      g_autofree char *key = fold_tag (tags[i]);
      gboolean created;
      guint id;

      if (key == NULL)
        continue;
      id = intern_term (self, key, &created);
      if (created)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (tags[i]));

          /* Shown when a tag is why an article is in its story. */
          g_ptr_array_index (self->surfaces, id) = g_strconcat ("#", stripped, NULL);
        }
      term_map_add (&bag, id, TAG_WEIGHT, NULL);
      if (doc->first_tag == NULL)
        {
          doc->first_tag = g_steal_pointer (&key);
          doc->first_tag_term = id;
          doc->first_tag_label = g_strstrip (g_strdup (tags[i]));
        }
    }

  doc->terms = g_new (TermWeight, bag.used);
  for (guint i = 0; i < bag.size; i++)
    {
      if (bag.slots[i].key != 0)
        {
          guint term = bag.slots[i].key - 1;

          doc->terms[n].term = term;
          doc->terms[n].weight = bag.slots[i].value;
          g_array_index (self->df, guint, term)++;
          n++;
        }
    }
  doc->n_terms = n;
  qsort (doc->terms, n, sizeof (TermWeight), compare_term_weight);
  term_map_clear (&bag);

  g_ptr_array_add (self->docs, doc);
  g_hash_table_insert (self->docs_by_id, &doc->article_id, doc);
  bump_epoch (self);
}

/**
 * story_clusterer_add_article:
 * @article: an article with its id set
 *
 * Adds @article with story_clusterer_add(), keeping the story it already has.
 */
void
story_clusterer_add_article (StoryClusterer *self,
                             StoryArticle   *article)
{
  g_return_if_fail (STORY_IS_CLUSTERER (self));
  g_return_if_fail (STORY_IS_ARTICLE (article));

  story_clusterer_add (self,
                       story_article_get_id (article),
                       story_article_get_title (article),
                       story_article_get_summary (article),
                       story_article_get_content_text (article),
                       story_article_get_tags (article),
                       story_article_get_published (article),
                       STORY_CLUSTER_NONE);
}

/* Stories */


static Story *
lookup_story (StoryClusterer *self,
              gint64          id)
{
  return g_hash_table_lookup (self->stories, &id);
}

static Story *
create_story (StoryClusterer *self,
              gint64          id)
{
  Story *story = g_new0 (Story, 1);

  story->id = id;
  story->members = g_ptr_array_new ();
  story->earliest = G_MAXINT64;
  story->latest = G_MININT64;
  story->dirty = TRUE;
  term_map_init (&story->centroid, 32);
  g_hash_table_insert (self->stories, &story->id, story);
  if (id >= self->next_id)
    self->next_id = id + 1;
  return story;
}

static gboolean
in_window (Story  *story,
           gint64  published,
           gint64  window)
{
  if (published == STORY_TIME_UNKNOWN || story->latest == G_MININT64)
    return TRUE;
  return published >= story->earliest - window && published <= story->latest + window;
}

typedef struct
{
  guint  term;
  double score;
} TermScore;

static int
compare_term_score (gconstpointer a,
                    gconstpointer b)
{
  const TermScore *x = a;
  const TermScore *y = b;

  if (x->score != y->score)
    return (x->score < y->score) - (x->score > y->score);
  /* Equal scores (a story of two articles has many): the term seen first. */
  return (x->term > y->term) - (x->term < y->term);
}

static char *
shorten_title (const char *title)
{
  g_auto(GStrv) words = NULL;
  GString *out;

  if (title == NULL)
    return g_strdup ("");

  words = g_strsplit_set (title, " \t\n", -1);
  out = g_string_new (NULL);
  for (guint i = 0, n = 0; words[i] != NULL && n < 6; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (n > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
      n++;
    }
  while (out->len > 0 && strchr (":;,.-–—", out->str[out->len - 1]) != NULL)
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* A tag the members agree on names the story best, unless it is a section
 * like "World" that half the collection carries. */
static char *
label_from_tags (StoryClusterer *self,
                 Story          *story)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  const char *best = NULL;
  const char *best_label = NULL;
  guint best_count = 0;
  gpointer value;
  guint size = story->members->len;

  for (guint i = 0; i < size; i++)
    {
      Doc *doc = g_ptr_array_index (story->members, i);
      guint count;

      if (doc->first_tag == NULL)
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, doc->first_tag)) + 1;
      g_hash_table_insert (counts, doc->first_tag, GUINT_TO_POINTER (count));
      /* The tag as the story's first article wrote it. */
      if (!g_hash_table_contains (labels, doc->first_tag))
        g_hash_table_insert (labels, doc->first_tag, doc->first_tag_label);
      if (count > best_count)
        {
          best = doc->first_tag;
          best_label = g_hash_table_lookup (labels, doc->first_tag);
          best_count = count;
        }
    }

  if (best == NULL || best_count < 2 || best_count * 5 < size * 3)
    return NULL;

  value = g_hash_table_lookup (self->term_ids, best);
  if (value == NULL
      || g_array_index (self->df, guint, GPOINTER_TO_UINT (value) - 1) > 2 * size + 2)
    return NULL;

  return g_strdup (best_label);
}

static char *
compute_label (StoryClusterer *self,
               Story          *story)
{
  TermMap counts;
  g_autoptr(GArray) scores = NULL;
  g_autofree char *from_tags = NULL;
  const char *central = NULL;
  double central_score = -1;
  guint size = story->members->len;
  guint chosen[LABEL_TERMS];
  gsize positions[LABEL_TERMS];
  guint n_chosen = 0;
  GString *label;

  g_assert (size > 0);

  from_tags = label_from_tags (self, story);
  if (from_tags != NULL)
    return g_steal_pointer (&from_tags);

  if (size == 1)
    return shorten_title (((Doc *)g_ptr_array_index (story->members, 0))->title);

  /* In how many of the story's articles each term occurs. */
  term_map_init (&counts, 64);
  for (guint i = 0; i < size; i++)
    {
      Doc *doc = g_ptr_array_index (story->members, i);
      double score = similarity (self, doc, story);

      if (score > central_score && doc->title != NULL)
        {
          central_score = score;
          central = doc->title;
        }
      for (guint j = 0; j < doc->n_terms; j++)
        term_map_add (&counts, doc->terms[j].term, 1, NULL);
    }

  scores = g_array_new (FALSE, FALSE, sizeof (TermScore));
  for (guint i = 0; i < counts.size; i++)
    {
      guint term = counts.slots[i].key - 1;
      guint count = (guint) counts.slots[i].value;
      const char *surface;
      TermScore ts;

      if (counts.slots[i].key == 0)
        continue;
      surface = g_ptr_array_index (self->surfaces, term);

      /* Tags name a story through label_from_tags() or not at all. */
      if (count < 2 || surface == NULL || surface[0] == '#')
        continue;
      ts.term = term;
      ts.score = (double)count / size * idf (self, term);
      if (is_capitalised (surface))
        ts.score *= 1.3;
      g_array_append_val (scores, ts);
    }
  term_map_clear (&counts);
  g_array_sort (scores, compare_term_score);

  if (scores->len == 0)
    return shorten_title (central);

  /* A label reads like "Marren ceasefire talks": the story's main name (two
   * when they are about as strong), then its one or two strongest words, in
   * the order the central headline uses them. */
  {
    double top_name = 0, top_word = 0;
    guint n_names = 0, n_words = 0;

    for (guint i = 0; i < scores->len && n_chosen < LABEL_TERMS; i++)
      {
        TermScore *ts = &g_array_index (scores, TermScore, i);
        const char *surface = g_ptr_array_index (self->surfaces, ts->term);
        const char *at = central != NULL ? strstr (central, surface) : NULL;
        gboolean name = is_capitalised (surface);
        gsize position = at != NULL ? (gsize)(at - central) : G_MAXSIZE / 4 + i;

        if (ts->score < g_array_index (scores, TermScore, 0).score * 0.3)
          break;
        if (name)
          {
            if (n_names == 2 || (n_names == 1 && ts->score < top_name * 0.75))
              continue;
            if (n_names++ == 0)
              top_name = ts->score;
          }
        else
          {
            if (n_words == 2 || (n_words == 1 && ts->score < top_word * 0.6))
              continue;
            if (n_words++ == 0)
              top_word = ts->score;
            position += G_MAXSIZE / 2;
          }
        chosen[n_chosen] = ts->term;
        positions[n_chosen] = position;
        n_chosen++;
      }
  }

  for (guint i = 1; i < n_chosen; i++)
    for (guint j = i; j > 0 && positions[j] < positions[j - 1]; j--)
      {
        gsize p = positions[j];
        guint t = chosen[j];

        positions[j] = positions[j - 1];
        chosen[j] = chosen[j - 1];
        positions[j - 1] = p;
        chosen[j - 1] = t;
      }

  label = g_string_new (NULL);
  for (guint i = 0; i < n_chosen; i++)
    {
      if (i > 0)
        g_string_append_c (label, ' ');
      g_string_append (label, g_ptr_array_index (self->surfaces, chosen[i]));
    }
  if (label->len > 0)
    {
      gunichar first = g_utf8_get_char (label->str);
      char buf[8];
      int n = g_unichar_to_utf8 (g_unichar_totitle (first), buf);

      g_string_erase (label, 0, g_utf8_next_char (label->str) - label->str);
      g_string_insert_len (label, 0, buf, n);
    }

  return g_string_free (label, FALSE);
}

static void
maybe_relabel (StoryClusterer *self,
               Story          *story)
{
  guint size = story->members->len;

  /* A story is renamed only when it has doubled since it was last named, so
   * a single new article never changes what the reader sees. */
  if (story->label != NULL && size < 2 * story->labelled_size)
    return;

  g_free (story->label);
  story->label = compute_label (self, story);
  story->labelled_size = size;
}

static void
join_story (StoryClusterer *self,
            Story          *story,
            Doc            *doc,
            gboolean        relabel)
{
  /* A story's norm, once known, follows the terms that change, instead of
   * being summed again over its whole centroid (thousands of terms for a
   * big story) at the next comparison. */
  gboolean keep_norm = !story->dirty && story->norm_epoch == self->epoch;
  double norm_sq = story->norm_sq;

  for (guint i = 0; i < doc->n_terms; i++)
    {
      gboolean created;
      float before = 0;
      float *c;

      if (keep_norm)
        {
          c = term_map_lookup (&story->centroid, doc->terms[i].term);
          if (c != NULL)
            before = *c;
        }
      c = term_map_add (&story->centroid, doc->terms[i].term, doc->terms[i].weight, &created);
      if (keep_norm)
        {
          double w = idf (self, doc->terms[i].term);
          double old_w = before * w;
          double new_w = *c * w;

          norm_sq += new_w * new_w - old_w * old_w;
        }
      if (created)
        {
          Posting posting = { story, doc->published };

          g_array_append_val (g_ptr_array_index (self->postings, doc->terms[i].term), posting);
          if (story->filter != NULL)
            filter_add (story, doc->terms[i].term);
        }
    }
  story_filter_fit (story);

  g_ptr_array_add (story->members, doc);
  if (doc->published != STORY_TIME_UNKNOWN)
    {
      story->earliest = MIN (story->earliest, doc->published);
      story->latest = MAX (story->latest, doc->published);
    }
  if (keep_norm)
    {
      story->norm_sq = MAX (norm_sq, 0);
      story->norm = sqrt (story->norm_sq);
    }
  else
    story->dirty = TRUE;
  story->closed |= doc->fixed;
  doc->story = story;
  doc->pending = FALSE;

  if (relabel)
    maybe_relabel (self, story);
}

/* Whether the story has articles that carry the article's main tag. */
static gboolean
shares_tag (Doc   *doc,
            Story *story)
{
  float *weight;

  if (doc->first_tag_term == G_MAXUINT)
    return FALSE;
  weight = term_map_lookup (&story->centroid, doc->first_tag_term);
  return weight != NULL && *weight > 0;
}

/* How strongly the article's main tag speaks for a story that shares it: a
 * tag used by one or two recent stories names a story ("Marren ceasefire
 * talks"); one used by many is a section ("World"). */
static double
tag_boost (Doc    *doc,
           GArray *postings)
{
  guint spread = 0;

  for (guint j = postings->len; j > 0; j--)
    {
      Posting *posting = &g_array_index (postings, Posting, j - 1);

      if (doc->published != STORY_TIME_UNKNOWN && posting->since != STORY_TIME_UNKNOWN
          && posting->since < doc->published - 2 * TAG_TIME_WINDOW)
        break;
      if (in_window (posting->story, doc->published, TAG_TIME_WINDOW)
          && ++spread > SPECIFIC_TAG_SPREAD)
        return TAG_BOOST;
    }

  return SPECIFIC_TAG_BOOST;
}

/* The stories an article is compared with, and how: a run of many articles
 * hands half of each article's comparisons to a thread of its own (see
 * Scorer), since a run is sequential by design and was the longest stretch
 * of a big sync with one core idle. Scoring only reads the clusterer: the
 * norms it needs are brought up to date before the scores are asked for. */
typedef struct
{
  Doc           *doc;
  const double  *idfs;
  Story        **stories;
  double        *scores;
  guint          n;
  gint           next;   /* atomic: the next story to score */
  gint           done;   /* atomic: stories scored */
} ScoreBatch;

typedef struct
{
  StoryClusterer *clusterer;
  GThread        *thread;
  ScoreBatch      batches[2];  /* one being scored, one being filled */
  ScoreBatch     *current;     /* atomic */
  guint           generation;  /* atomic: bumped for each batch */
  gint            sleeping;    /* atomic */
  gint            quit;        /* atomic */
  GMutex          lock;
  GCond           cond;
} Scorer;

#define SCORER_MIN_DOCS       1000  /* a run of fewer is not worth a thread */
#define SCORER_MIN_CANDIDATES 8     /* nor is an article with fewer stories to compare */
#define SCORER_SPINS          2000

static void
score_batch (StoryClusterer *self,
             ScoreBatch     *batch)
{
  guint i;

  /* Each story is claimed once; a claim past the end means the batch is over
   * (or, for a thread that was slow to come back, that it was reused: any
   * story it can still claim is real work of the batch it now holds). */
  for (;;)
    {
      i = (guint) g_atomic_int_add (&batch->next, 1);
      if (i >= batch->n)
        break;
      batch->scores[i] = similarity_with (self, batch->doc, batch->idfs, batch->stories[i]);
      g_atomic_int_inc (&batch->done);
    }
}

static gpointer
scorer_thread (gpointer data)
{
  Scorer *scorer = data;
  guint seen = 0;

  for (;;)
    {
      guint spins = 0;

      while ((guint) g_atomic_int_get (&scorer->generation) == seen && !g_atomic_int_get (&scorer->quit))
        {
          if (++spins < SCORER_SPINS)
            {
#if defined(__x86_64__) || defined(__i386__)
              __builtin_ia32_pause ();
#endif
              continue;
            }
          g_mutex_lock (&scorer->lock);
          g_atomic_int_set (&scorer->sleeping, TRUE);
          while ((guint) g_atomic_int_get (&scorer->generation) == seen
                 && !g_atomic_int_get (&scorer->quit))
            g_cond_wait (&scorer->cond, &scorer->lock);
          g_atomic_int_set (&scorer->sleeping, FALSE);
          g_mutex_unlock (&scorer->lock);
        }
      if (g_atomic_int_get (&scorer->quit))
        break;
      seen = g_atomic_int_get (&scorer->generation);
      score_batch (scorer->clusterer, g_atomic_pointer_get (&scorer->current));
    }

  return NULL;
}

static Scorer *
scorer_new (StoryClusterer *self)
{
  Scorer *scorer = g_new0 (Scorer, 1);

  scorer->clusterer = self;
  g_mutex_init (&scorer->lock);
  g_cond_init (&scorer->cond);
  scorer->thread = g_thread_new ("story-score", scorer_thread, scorer);

  return scorer;
}

static void
scorer_free (Scorer *scorer)
{
  g_mutex_lock (&scorer->lock);
  g_atomic_int_set (&scorer->quit, TRUE);
  g_cond_broadcast (&scorer->cond);
  g_mutex_unlock (&scorer->lock);
  g_thread_join (scorer->thread);
  g_mutex_clear (&scorer->lock);
  g_cond_clear (&scorer->cond);
  g_free (scorer);
}

/* Scores @n stories for @doc into @scores, with the scorer's thread when there is one. */
static void
score_stories (StoryClusterer *self,
               Scorer         *scorer,
               Doc            *doc,
               const double   *idfs,
               Story         **stories,
               double         *scores,
               guint           n)
{
  ScoreBatch *batch;

  if (scorer == NULL || n < SCORER_MIN_CANDIDATES)
    {
      for (guint i = 0; i < n; i++)
        scores[i] = similarity_with (self, doc, idfs, stories[i]);
      return;
    }

  /* The batch the scorer's thread is not working on. */
  batch = &scorer->batches[g_atomic_int_get (&scorer->generation) % 2 == 0 ? 1 : 0];
  batch->doc = doc;
  batch->idfs = idfs;
  batch->stories = stories;
  batch->scores = scores;
  batch->n = n;
  g_atomic_int_set (&batch->done, 0);
  g_atomic_int_set (&batch->next, 0);
  g_atomic_pointer_set (&scorer->current, batch);
  g_atomic_int_inc (&scorer->generation);
  if (g_atomic_int_get (&scorer->sleeping))
    {
      g_mutex_lock (&scorer->lock);
      g_cond_broadcast (&scorer->cond);
      g_mutex_unlock (&scorer->lock);
    }

  score_batch (self, batch);
  /* At most the one story the other thread took last is still being scored. */
  for (guint spins = 0; (guint) g_atomic_int_get (&batch->done) < n; spins++)
    {
#if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_pause ();
#endif
      if (spins % 1024 == 1023)
        g_thread_yield ();
    }
}

static Story *
find_best_story (StoryClusterer *self,
                 Scorer         *scorer,
                 Doc            *doc,
                 double         *best_score)
{
  Story *best = NULL;
  guint max_df = MAX (20, self->docs->len / 50);
  double boost = 1.0;
  g_autofree double *idfs = g_new (double, MAX (doc->n_terms, 1));
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  g_autoptr(GArray) tagged = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autofree double *scores = NULL;

  /* The article is compared with dozens of stories: its terms' weights once. */
  for (guint i = 0; i < doc->n_terms; i++)
    idfs[i] = idf (self, doc->terms[i].term);
  doc_norm (self, doc);

  if (doc->first_tag_term != G_MAXUINT)
    boost = tag_boost (doc, g_ptr_array_index (self->postings, doc->first_tag_term));

  *best_score = 0;
  self->stamp++;

  for (guint i = 0; i < doc->n_terms; i++)
    {
      guint term = doc->terms[i].term;
      gboolean is_tag = term == doc->first_tag_term;
      gint64 reach = 2 * (is_tag ? TAG_TIME_WINDOW : TIME_WINDOW);
      GArray *postings;

      /* A word that one article in fifty uses leads to too many stories to
       * compare with; it still counts in the similarity of those found. */
      if (!is_tag && g_array_index (self->df, guint, term) > max_df)
        continue;

      postings = g_ptr_array_index (self->postings, term);
      for (guint j = postings->len; j > 0; j--)
        {
          Posting *posting = &g_array_index (postings, Posting, j - 1);
          Story *story = posting->story;
          gboolean is_tagged;

          /* Postings are appended in publication order while a run assigns
           * articles oldest first; a story that took up the word long
           * before the window is found through its newer words if at all. */
          if (doc->published != STORY_TIME_UNKNOWN && posting->since != STORY_TIME_UNKNOWN
              && posting->since < doc->published - reach)
            break;
          if (story->stamp == self->stamp || story->closed)
            continue;
          story->stamp = self->stamp;

          /* The source's own tag is a strong hint: with it, a story may
           * run longer and its articles may share fewer words. */
          is_tagged = shares_tag (doc, story);
          if (!in_window (story, doc->published, is_tagged ? TAG_TIME_WINDOW : TIME_WINDOW))
            continue;

          /* Scoring only reads: the norm is brought up to date here. */
          story_norm (self, story);
          g_ptr_array_add (candidates, story);
          g_array_append_val (tagged, is_tagged);
        }
    }

  scores = g_new (double, MAX (candidates->len, 1));
  score_stories (self, scorer, doc, idfs, (Story **) candidates->pdata, scores, candidates->len);

  /* In the order found: the first of equal scores wins, as it always did. */
  for (guint i = 0; i < candidates->len; i++)
    {
      double score = scores[i];

      if (g_array_index (tagged, gboolean, i))
        score *= boost;
      if (score > *best_score)
        {
          *best_score = score;
          best = g_ptr_array_index (candidates, i);
        }
    }

  return best;
}

static int
compare_docs_by_time (gconstpointer a,
                      gconstpointer b)
{
  const Doc *x = *(Doc **)a;
  const Doc *y = *(Doc **)b;

  if (x->published != y->published)
    return (x->published > y->published) - (x->published < y->published);
  return (x->article_id > y->article_id) - (x->article_id < y->article_id);
}

static void
add_touched (GArray     *touched,
             GHashTable *seen,
             Story      *story)
{
  if (g_hash_table_contains (seen, story))
    return;
  g_hash_table_add (seen, story);
  g_array_append_val (touched, story->id);
}

/**
 * story_clusterer_set_parallel:
 * @parallel: whether a run of many articles may compare them with stories on
 *   a second thread (the default)
 *
 * The stories come out the same either way; for tests that check so.
 */
void
story_clusterer_set_parallel (StoryClusterer *self,
                              gboolean        parallel)
{
  g_return_if_fail (STORY_IS_CLUSTERER (self));

  self->serial = !parallel;
}

/**
 * story_clusterer_run:
 *
 * Assigns every article added since the last run to a story, in publication
 * order: articles with a known story join it, the others join the most
 * similar story in the time window or start their own.
 *
 * Returns: (transfer full) (element-type gint64): the ids of the stories that
 *   gained articles, each once
 */
GArray *
story_clusterer_run (StoryClusterer *self)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GArray *touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  Scorer *scorer = NULL;

  g_return_val_if_fail (STORY_IS_CLUSTERER (self), touched);

  for (guint i = 0; i < self->docs->len; i++)
    {
      Doc *doc = g_ptr_array_index (self->docs, i);

      if (doc->pending)
        g_ptr_array_add (pending, doc);
    }
  g_ptr_array_sort (pending, compare_docs_by_time);
  if (pending->len >= SCORER_MIN_DOCS && !self->serial)
    scorer = scorer_new (self);

  /* Known stories first, so that new articles can join them. */
  for (guint i = 0; i < pending->len; i++)
    {
      Doc *doc = g_ptr_array_index (pending, i);
      Story *story;

      if (doc->wanted_story == STORY_CLUSTER_NONE)
        continue;
      story = lookup_story (self, doc->wanted_story);
      if (story == NULL)
        story = create_story (self, doc->wanted_story);
      join_story (self, story, doc, FALSE);
      add_touched (touched, seen, story);
    }

  for (guint i = 0; i < pending->len; i++)
    {
      Doc *doc = g_ptr_array_index (pending, i);
      Story *story;
      double score;

      if (!doc->pending)
        continue;

      story = find_best_story (self, scorer, doc, &score);
      if (story == NULL || score < JOIN_THRESHOLD)
        story = create_story (self, self->next_id);
      join_story (self, story, doc, FALSE);
      add_touched (touched, seen, story);
    }

  g_clear_pointer (&scorer, scorer_free);

  /* Named once all have joined, not at each doubling on the way: a first
   * sync's stories were named seven or eight times each, a quarter of the
   * run. Stories that were seeded from known ids get a name if they have
   * none; the others as maybe_relabel() says. */
  for (guint i = 0; i < touched->len; i++)
    maybe_relabel (self, lookup_story (self, g_array_index (touched, gint64, i)));

  return touched;
}

/* Takes an article out of its story; a story left empty is dropped. */
static void
leave_story (StoryClusterer *self,
             Doc            *doc)
{
  Story *story = doc->story;

  if (story == NULL)
    return;

  for (guint i = 0; i < doc->n_terms; i++)
    {
      float *c = term_map_lookup (&story->centroid, doc->terms[i].term);

      if (c != NULL)
        *c = MAX (0, *c - doc->terms[i].weight);
    }
  g_ptr_array_remove (story->members, doc);
  doc->story = NULL;

  if (story->members->len == 0)
    {
      for (guint i = 0; i < story->centroid.size; i++)
        {
          GArray *postings;

          if (story->centroid.slots[i].key == 0)
            continue;
          postings = g_ptr_array_index (self->postings, story->centroid.slots[i].key - 1);
          for (guint j = postings->len; j > 0; j--)
            if (g_array_index (postings, Posting, j - 1).story == story)
              g_array_remove_index (postings, j - 1);
        }
      g_hash_table_remove (self->stories, &story->id);
      return;
    }

  story->earliest = G_MAXINT64;
  story->latest = G_MININT64;
  for (guint i = 0; i < story->members->len; i++)
    {
      Doc *member = g_ptr_array_index (story->members, i);

      if (member->published != STORY_TIME_UNKNOWN)
        {
          story->earliest = MIN (story->earliest, member->published);
          story->latest = MAX (story->latest, member->published);
        }
    }
  story->dirty = TRUE;
}

/**
 * story_clusterer_set_fixed:
 *
 * Keeps an article alone in its story, now and in every later run and
 * re-clustering, as a store does for the articles the reader moved out of
 * a theme. Call it before the run that assigns the article.
 */
void
story_clusterer_set_fixed (StoryClusterer *self,
                           gint64          article_id)
{
  Doc *doc;

  g_return_if_fail (STORY_IS_CLUSTERER (self));

  doc = g_hash_table_lookup (self->docs_by_id, &article_id);
  if (doc == NULL)
    return;
  doc->fixed = TRUE;
  if (doc->story != NULL)
    doc->story->closed = TRUE;
}

/**
 * story_clusterer_detach:
 *
 * Moves an article out of its story into a new story of its own that no
 * other article joins.
 *
 * Returns: the article's new story, or %STORY_CLUSTER_NONE when the article
 *   is unknown
 */
gint64
story_clusterer_detach (StoryClusterer *self,
                        gint64          article_id)
{
  Story *story;
  Doc *doc;

  g_return_val_if_fail (STORY_IS_CLUSTERER (self), STORY_CLUSTER_NONE);

  doc = g_hash_table_lookup (self->docs_by_id, &article_id);
  if (doc == NULL)
    return STORY_CLUSTER_NONE;

  leave_story (self, doc);
  doc->fixed = TRUE;
  doc->pending = FALSE;
  story = create_story (self, self->next_id);
  join_story (self, story, doc, TRUE);
  return story->id;
}

/**
 * story_clusterer_set_pinned:
 *
 * Keeps an article in its story in every later re-clustering, as a store
 * does for the articles of themes the reader merged. Other articles may
 * still join the story.
 */
void
story_clusterer_set_pinned (StoryClusterer *self,
                            gint64          article_id)
{
  Doc *doc;

  g_return_if_fail (STORY_IS_CLUSTERER (self));

  doc = g_hash_table_lookup (self->docs_by_id, &article_id);
  if (doc != NULL)
    doc->pinned = TRUE;
}

/**
 * story_clusterer_merge:
 * @into_id: the story that stays
 * @from_id: the story whose articles move into @into_id; it is dropped
 *
 * Merges two stories, as the reader asked; the articles of both stay
 * together in every later re-clustering. @into_id keeps its label.
 *
 * Returns: whether both stories exist and differ
 */
gboolean
story_clusterer_merge (StoryClusterer *self,
                       gint64          into_id,
                       gint64          from_id)
{
  Story *into;
  Story *from;
  g_autoptr(GPtrArray) moving = NULL;

  g_return_val_if_fail (STORY_IS_CLUSTERER (self), FALSE);

  into = lookup_story (self, into_id);
  from = lookup_story (self, from_id);
  if (into == NULL || from == NULL || into == from || into->closed || from->closed)
    return FALSE;

  moving = g_ptr_array_copy (from->members, NULL, NULL);
  for (guint i = 0; i < moving->len; i++)
    {
      Doc *doc = g_ptr_array_index (moving, i);

      leave_story (self, doc);   /* drops @from with its last article */
      doc->pinned = TRUE;
      join_story (self, into, doc, FALSE);
    }
  for (guint i = 0; i < into->members->len; i++)
    ((Doc *)g_ptr_array_index (into->members, i))->pinned = TRUE;

  return TRUE;
}

typedef struct
{
  Story  *fresh;
  gint64  old_id;
  guint   overlap;
} Overlap;

static int
compare_overlaps (gconstpointer a,
                  gconstpointer b)
{
  const Overlap *x = a;
  const Overlap *y = b;

  if (x->overlap != y->overlap)
    return (x->overlap < y->overlap) - (x->overlap > y->overlap);
  return (x->old_id > y->old_id) - (x->old_id < y->old_id);
}

/**
 * story_clusterer_recluster:
 *
 * Clusters every article again from scratch, now that the collection's word
 * statistics are known, and gives each new story the id and label of the old
 * story it shares most articles with, so ids stay stable.
 */
void
story_clusterer_recluster (StoryClusterer *self)
{
  g_autoptr(GHashTable) old_stories = NULL;
  g_autoptr(GHashTable) old_of_doc = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Overlap));
  g_autoptr(GHashTable) used_old = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) renamed = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) touched = NULL;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (STORY_IS_CLUSTERER (self));

  for (guint i = 0; i < self->docs->len; i++)
    {
      Doc *doc = g_ptr_array_index (self->docs, i);

      if (doc->story != NULL)
        g_hash_table_insert (old_of_doc, doc, doc->story);
      /* An article the reader moved out keeps its story of its own, one in
       * a story the reader merged keeps that story. */
      doc->wanted_story = (doc->fixed || doc->pinned) && doc->story != NULL
                          ? doc->story->id : STORY_CLUSTER_NONE;
      doc->story = NULL;
      doc->pending = TRUE;
    }

  old_stories = g_steal_pointer (&self->stories);
  self->stories = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                         (GDestroyNotify)story_free);
  for (guint i = 0; i < self->postings->len; i++)
    g_array_set_size (g_ptr_array_index (self->postings, i), 0);

  touched = story_clusterer_run (self);

  /* Count, for each new story, its articles per old story. */
  g_hash_table_iter_init (&iter, self->stories);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Story *story = value;
      g_autoptr(GHashTable) per_old = g_hash_table_new (NULL, NULL);
      GHashTableIter inner;
      gpointer old, count;

      g_ptr_array_add (fresh, story);
      for (guint i = 0; i < story->members->len; i++)
        {
          Story *old_story = g_hash_table_lookup (old_of_doc,
                                                  g_ptr_array_index (story->members, i));

          if (old_story == NULL)
            continue;
          count = g_hash_table_lookup (per_old, old_story);
          g_hash_table_insert (per_old, old_story,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
        }

      g_hash_table_iter_init (&inner, per_old);
      while (g_hash_table_iter_next (&inner, &old, &count))
        {
          Overlap o = { story, ((Story *)old)->id, GPOINTER_TO_UINT (count) };

          g_array_append_val (pairs, o);
        }
    }
  g_array_sort (pairs, compare_overlaps);

  /* Re-key: first every fresh story leaves the table, then each takes its id. */
  g_hash_table_steal_all (self->stories);
  for (guint i = 0; i < pairs->len; i++)
    {
      Overlap *o = &g_array_index (pairs, Overlap, i);
      Story *old_story;

      if (g_hash_table_contains (renamed, o->fresh) || g_hash_table_contains (used_old, &o->old_id))
        continue;
      old_story = g_hash_table_lookup (old_stories, &o->old_id);
      o->fresh->id = o->old_id;
      if (old_story->label != NULL && o->fresh->members->len < 2 * old_story->labelled_size)
        {
          g_free (o->fresh->label);
          o->fresh->label = g_strdup (old_story->label);
          o->fresh->labelled_size = old_story->labelled_size;
        }
      g_hash_table_add (used_old, &old_story->id);
      g_hash_table_add (renamed, o->fresh);
    }
  for (guint i = 0; i < fresh->len; i++)
    {
      Story *story = g_ptr_array_index (fresh, i);

      if (!g_hash_table_contains (renamed, story))
        story->id = self->next_id++;
      g_hash_table_insert (self->stories, &story->id, story);
    }
}

/* Queries */

/**
 * story_clusterer_get_story:
 *
 * Returns: the story of the article, or %STORY_CLUSTER_NONE when the article
 *   is unknown or not yet assigned
 */
gint64
story_clusterer_get_story (StoryClusterer *self,
                           gint64          article_id)
{
  Doc *doc;

  g_return_val_if_fail (STORY_IS_CLUSTERER (self), STORY_CLUSTER_NONE);

  doc = g_hash_table_lookup (self->docs_by_id, &article_id);
  if (doc == NULL || doc->story == NULL)
    return STORY_CLUSTER_NONE;
  return doc->story->id;
}

/**
 * story_clusterer_get_label:
 *
 * Returns: (nullable): the story's readable label
 */
const char *
story_clusterer_get_label (StoryClusterer *self,
                           gint64          story_id)
{
  Story *story;

  g_return_val_if_fail (STORY_IS_CLUSTERER (self), NULL);

  story = lookup_story (self, story_id);
  return story != NULL ? story->label : NULL;
}

/**
 * story_clusterer_set_label:
 *
 * Names a story, as a store does with the label it showed before; the name
 * is kept until the story doubles in size.
 */
void
story_clusterer_set_label (StoryClusterer *self,
                           gint64          story_id,
                           const char     *label)
{
  Story *story;

  g_return_if_fail (STORY_IS_CLUSTERER (self));

  story = lookup_story (self, story_id);
  if (story == NULL || label == NULL)
    return;
  g_free (story->label);
  story->label = g_strdup (label);
  story->labelled_size = MAX (story->members->len, 1);
}

guint
story_clusterer_get_size (StoryClusterer *self,
                          gint64          story_id)
{
  Story *story;

  g_return_val_if_fail (STORY_IS_CLUSTERER (self), 0);

  story = lookup_story (self, story_id);
  return story != NULL ? story->members->len : 0;
}

guint
story_clusterer_get_n_articles (StoryClusterer *self)
{
  g_return_val_if_fail (STORY_IS_CLUSTERER (self), 0);

  return self->docs->len;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

/**
 * story_clusterer_dup_stories:
 *
 * Returns: (transfer full) (element-type gint64): every story id, ascending
 */
GArray *
story_clusterer_dup_stories (StoryClusterer *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (STORY_IS_CLUSTERER (self), ids);

  g_hash_table_iter_init (&iter, self->stories);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *)key);
  g_array_sort (ids, compare_int64);
  return ids;
}

/**
 * story_clusterer_dup_members:
 *
 * Returns: (transfer full) (element-type gint64): the story's article ids, in
 *   the order they joined
 */
GArray *
story_clusterer_dup_members (StoryClusterer *self,
                             gint64          story_id)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Story *story;

  g_return_val_if_fail (STORY_IS_CLUSTERER (self), ids);

  story = lookup_story (self, story_id);
  for (guint i = 0; story != NULL && i < story->members->len; i++)
    g_array_append_val (ids, ((Doc *)g_ptr_array_index (story->members, i))->article_id);
  return ids;
}

/**
 * story_clusterer_dup_shared_terms:
 * @max_terms: how many terms at most
 *
 * Says why an article is in its story: the words it shares with the story's
 * other articles, the most telling first.
 *
 * Returns: (transfer full) (nullable): the shared words as the articles write
 *   them, %NULL-terminated; %NULL when the article is alone in its story
 */
char **
story_clusterer_dup_shared_terms (StoryClusterer *self,
                                  gint64          article_id,
                                  guint           max_terms)
{
  g_autoptr(GArray) scores = NULL;
  g_autoptr(GPtrArray) out = NULL;
  Doc *doc;

  g_return_val_if_fail (STORY_IS_CLUSTERER (self), NULL);

  doc = g_hash_table_lookup (self->docs_by_id, &article_id);
  if (doc == NULL || doc->story == NULL || doc->story->members->len < 2)
    return NULL;

  scores = g_array_new (FALSE, FALSE, sizeof (TermScore));
  for (guint i = 0; i < doc->n_terms; i++)
    {
      float *c = term_map_lookup (&doc->story->centroid, doc->terms[i].term);
      double w = idf (self, doc->terms[i].term);
      TermScore ts;

      if (c == NULL || *c - doc->terms[i].weight <= 1e-4)
        continue;
      ts.term = doc->terms[i].term;
      ts.score = doc->terms[i].weight * (*c - doc->terms[i].weight) * w * w;
      g_array_append_val (scores, ts);
    }
  g_array_sort (scores, compare_term_score);

  out = g_ptr_array_new ();
  for (guint i = 0; i < scores->len && out->len < max_terms; i++)
    {
      guint term = g_array_index (scores, TermScore, i).term;
      const char *surface = g_ptr_array_index (self->surfaces, term);
      const char *name = g_ptr_array_index (self->terms, term);

      g_ptr_array_add (out, g_strdup (surface != NULL ? surface : name));
    }
  if (out->len == 0)
    return NULL;
  g_ptr_array_add (out, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

/* Object */

static void
story_clusterer_finalize (GObject *object)
{
  StoryClusterer *self = (StoryClusterer *)object;

  g_clear_pointer (&self->stories, g_hash_table_unref);
  g_clear_pointer (&self->docs_by_id, g_hash_table_unref);
  g_clear_pointer (&self->docs, g_ptr_array_unref);
  g_clear_pointer (&self->postings, g_ptr_array_unref);
  g_clear_pointer (&self->term_ids, g_hash_table_unref);
  g_clear_pointer (&self->terms, g_ptr_array_unref);
  g_clear_pointer (&self->surfaces, g_ptr_array_unref);
  g_clear_pointer (&self->df, g_array_unref);
  g_clear_pointer (&self->idf, g_array_unref);

  G_OBJECT_CLASS (story_clusterer_parent_class)->finalize (object);
}

static void
story_clusterer_class_init (StoryClustererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = story_clusterer_finalize;
}

static void
story_clusterer_init (StoryClusterer *self)
{
  GHashTableIter iter;
  gpointer word;

  self->term_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, get_stop_words ());
  while (g_hash_table_iter_next (&iter, &word, NULL))
    g_hash_table_insert (self->term_ids, word, STOP_WORD);
  self->terms = g_ptr_array_new_with_free_func (g_free);
  self->surfaces = g_ptr_array_new_with_free_func (g_free);
  self->df = g_array_new (FALSE, TRUE, sizeof (guint));
  self->idf = g_array_new (FALSE, TRUE, sizeof (IdfCache));
  self->postings = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  self->docs = g_ptr_array_new_with_free_func ((GDestroyNotify)doc_free);
  self->docs_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->stories = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                         (GDestroyNotify)story_free);
  self->next_id = 1;
}

StoryClusterer *
story_clusterer_new (void)
{
  return g_object_new (STORY_TYPE_CLUSTERER, NULL);
}
