/* yc-store-migrations.c: numbered schema migrations, data/sql/NNN-name.sql in the core resources. */
#define G_LOG_DOMAIN "yc-store"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "yc-store-private.h"

/* Resource names of the migrations, index i holding version i + 1. Checked once: a gap or a
 * duplicate number is a packaging mistake that must not reach a database. */
static GPtrArray *
list_migrations (void)
{
  static GPtrArray *migrations;

  if (g_once_init_enter (&migrations))
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) names = NULL;
      GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

      names = g_resources_enumerate_children (YC_STORE_SQL_RESOURCE_DIR,
                                              G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (names == NULL)
        g_error ("The schema migrations are missing from the resources: %s", error->message);

      for (guint i = 0; names[i] != NULL; i++)
        {
          char *end = NULL;
          guint64 number;

          if (!g_str_has_suffix (names[i], ".sql"))
            continue;
          number = g_ascii_strtoull (names[i], &end, 10);
          if (end == names[i] || *end != '-' || number == 0 || number > 999)
            g_error ("Schema migration “%s” is not named NNN-name.sql", names[i]);
          if (list->len < number)
            g_ptr_array_set_size (list, number);
          if (g_ptr_array_index (list, number - 1) != NULL)
            g_error ("Two schema migrations have the number %" G_GUINT64_FORMAT, number);
          g_ptr_array_index (list, number - 1) =
            g_strconcat (YC_STORE_SQL_RESOURCE_DIR, names[i], NULL);
        }

      for (guint i = 0; i < list->len; i++)
        if (g_ptr_array_index (list, i) == NULL)
          g_error ("Schema migration %u is missing", i + 1);

      g_once_init_leave (&migrations, list);
    }

  return migrations;
}

int
yc_store_get_latest_schema_version (void)
{
  return (int) list_migrations ()->len;
}

static gboolean
apply_migration (sqlite3    *db,
                 int         version,
                 GError    **error)
{
  const char *resource = g_ptr_array_index (list_migrations (), version - 1);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *set_version = NULL;
  char *errmsg = NULL;
  int rc;

  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return _yc_store_set_error_from_code (db, rc, error);

  set_version = g_strdup_printf ("PRAGMA user_version = %d", version);
  rc = sqlite3_exec (db, sql, NULL, NULL, &errmsg);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, set_version, NULL, NULL, &errmsg);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, &errmsg);

  if (rc != SQLITE_OK)
    {
      int primary = rc & 0xff;

      /* The file stays at the previous version: everything this migration did is undone. */
      if (!sqlite3_get_autocommit (db))
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);

      /* Conditions the clerk can fix (disk full, another program) keep their own codes. */
      if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_FULL ||
          primary == SQLITE_IOERR || primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
        _yc_store_set_error_from_code (db, rc, error);
      else
        g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_MIGRATION,
                     _("Updating the database to version %d failed, so it was left at "
                       "version %d. Ask your support staff for help (%s)."),
                     version, version - 1, errmsg ? errmsg : sqlite3_errstr (rc));
      sqlite3_free (errmsg);
      return FALSE;
    }

  g_debug ("Database migrated to schema version %d", version);
  return TRUE;
}

gboolean
_yc_store_migrate_to (sqlite3 *db,
                      int      version,
                      GError **error)
{
  int latest = yc_store_get_latest_schema_version ();
  int current;

  g_return_val_if_fail (version >= 0 && version <= latest, FALSE);

  current = _yc_store_get_user_version (db, error);
  if (current < 0)
    return FALSE;

  if (current > latest)
    {
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_TOO_NEW,
                   _("The database was written by a newer version of Yichuang (schema "
                     "version %d; this version knows up to %d). Update Yichuang on this "
                     "workstation."),
                   current, latest);
      return FALSE;
    }

  for (int v = current + 1; v <= version; v++)
    if (!apply_migration (db, v, error))
      return FALSE;

  return TRUE;
}
