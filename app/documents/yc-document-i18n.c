/* yc-document-i18n.c: the language of one rendering, read from the project's .mo catalogues. */
#define G_LOG_DOMAIN "yc-documents"

#include <string.h>
#include <glib/gi18n.h>

#include "yc-document-private.h"

/* Why not setlocale() or uselocale() around gettext: setlocale changes the whole process (the UI
 * would flip language while a guidance sheet renders), uselocale needs the system locale to be
 * generated (a Chinese workstation rarely has ru_RU), and in both glibc lets $LANGUAGE override the
 * locale, so an English sheet could come out in Chinese. Reading the catalogue ourselves is
 * thread-safe and needs neither. */

struct _YcDocLanguage {
  char       *code;
  GBytes     *data;       /* the .mo file; the table's strings point into it */
  GHashTable *messages;   /* "context\004msgid" or "msgid" → translation */
};

#define MO_MAGIC 0x950412deU
#define MO_MAGIC_SWAPPED 0xde120495U

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swapped)
{
  guint32 value;

  memcpy (&value, data + offset, sizeof value);
  return swapped ? GUINT32_SWAP_LE_BE (value) : value;
}

/* Parses a GNU .mo file; checks every offset, since a truncated file must not crash a rendering. */
static GHashTable *
parse_mo (GBytes      *bytes,
          const char  *path,
          GError     **error)
{
  g_autoptr(GHashTable) messages = g_hash_table_new (g_str_hash, g_str_equal);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint32 magic, n, originals, translations;
  gboolean swapped;

  if (size < 28)
    goto invalid;
  memcpy (&magic, data, sizeof magic);
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    goto invalid;
  swapped = magic == MO_MAGIC_SWAPPED;
  n = read_u32 (data, 8, swapped);
  originals = read_u32 (data, 12, swapped);
  translations = read_u32 (data, 16, swapped);
  if ((guint64) originals + 8 * (guint64) n > size
      || (guint64) translations + 8 * (guint64) n > size)
    goto invalid;

  for (guint32 i = 0; i < n; i++)
    {
      guint32 olen = read_u32 (data, originals + 8 * i, swapped);
      guint32 ooff = read_u32 (data, originals + 8 * i + 4, swapped);
      guint32 tlen = read_u32 (data, translations + 8 * i, swapped);
      guint32 toff = read_u32 (data, translations + 8 * i + 4, swapped);

      /* Each string is followed by a NUL, which the length does not count. */
      if ((guint64) ooff + olen >= size || (guint64) toff + tlen >= size
          || data[ooff + olen] != '\0' || data[toff + tlen] != '\0')
        goto invalid;
      /* The header entry (empty msgid) and empty translations are not translations. */
      if (olen == 0 || tlen == 0)
        continue;
      /* Plural entries hold "singular\0plural": the key is the singular, and so is the first
       * translation. */
      g_hash_table_insert (messages, (char *) data + ooff, (char *) data + toff);
    }
  return g_steal_pointer (&messages);

invalid:
  g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_LANGUAGE,
               _("The translation catalogue “%s” is damaged"), path);
  return NULL;
}

/* Canonical code of a supported language, or NULL. */
static const char *
canonical_code (const char *code)
{
  g_autofree char *lower = g_ascii_strdown (code, -1);

  if (g_str_has_prefix (lower, "zh"))
    return "zh_CN";
  if (g_str_has_prefix (lower, "en") || g_str_equal (lower, "c"))
    return "en";
  if (g_str_has_prefix (lower, "ru"))
    return "ru";
  return NULL;
}

static const char *
locale_dir (void)
{
  /* Tests and uninstalled runs point at the build tree's catalogues, as main.c does. */
  const char *dir = g_getenv ("YC_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

static void
yc_doc_language_free (YcDocLanguage *language)
{
  g_free (language->code);
  g_clear_pointer (&language->messages, g_hash_table_unref);
  g_clear_pointer (&language->data, g_bytes_unref);
  g_free (language);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcDocLanguage, yc_doc_language_free)

static YcDocLanguage *
load_language (const char  *code,
               GError     **error)
{
  g_autoptr(YcDocLanguage) language = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  language = g_new0 (YcDocLanguage, 1);
  language->code = g_strdup (code);
  /* English is the msgids' language: no catalogue. */
  if (g_str_equal (code, "en"))
    {
      language->messages = g_hash_table_new (g_str_hash, g_str_equal);
      return g_steal_pointer (&language);
    }

  path = g_build_filename (locale_dir (), code, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_LANGUAGE,
                   _("The translations for “%s” are not installed: %s"), code,
                   local_error->message);
      return NULL;
    }
  language->data = g_bytes_new_take (g_steal_pointer (&contents), length);
  language->messages = parse_mo (language->data, path, error);
  if (language->messages == NULL)
    return NULL;
  return g_steal_pointer (&language);
}

const YcDocLanguage *
_yc_doc_language_get (const char  *code,
                      GError     **error)
{
  static GMutex lock;
  static GHashTable *languages;   /* code → YcDocLanguage, never freed: renderings point in */
  g_autoptr(GMutexLocker) locker = NULL;
  const char *canonical;
  YcDocLanguage *language;

  canonical = canonical_code (code != NULL ? code : "zh_CN");
  if (canonical == NULL)
    {
      g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_LANGUAGE,
                   _("Documents cannot be printed in “%s”: choose Chinese, English or Russian"),
                   code);
      return NULL;
    }

  locker = g_mutex_locker_new (&lock);
  if (languages == NULL)
    languages = g_hash_table_new (g_str_hash, g_str_equal);
  language = g_hash_table_lookup (languages, canonical);
  if (language == NULL)
    {
      language = load_language (canonical, error);
      if (language == NULL)
        return NULL;
      g_hash_table_insert (languages, language->code, language);
    }
  return language;
}

const char *
_yc_doc_language_code (const YcDocLanguage *language)
{
  return language->code;
}

const char *
_yc_doc_translate (const YcDocLanguage *language,
                   const char          *context,
                   const char          *msgid)
{
  g_autofree char *key = NULL;
  const char *translation;

  if (context == NULL)
    translation = g_hash_table_lookup (language->messages, msgid);
  else
    {
      key = g_strconcat (context, "\004", msgid, NULL);
      translation = g_hash_table_lookup (language->messages, key);
    }
  return translation != NULL ? translation : msgid;
}
