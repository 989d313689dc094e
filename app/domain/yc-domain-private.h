/* yc-domain-private.h: property-setter helpers shared by the domain GObjects; not for use outside app/domain. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Every domain property is read-write, notifies only on a real change, and uses static strings. */
#define YC_DOMAIN_PARAM_RW (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

/* Replaces a string field and reports whether it changed, so setters notify only on real changes. */
static inline gboolean
_yc_replace_string (char       **field,
                    const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Replaces a GDateTime field (or NULL); equal instants count as no change. */
static inline gboolean
_yc_replace_date_time (GDateTime **field,
                       GDateTime  *value)
{
  if (*field == value)
    return FALSE;
  if (*field != NULL && value != NULL && g_date_time_equal (*field, value))
    return FALSE;
  g_clear_pointer (field, g_date_time_unref);
  if (value != NULL)
    *field = g_date_time_ref (value);
  return TRUE;
}

/* The macros below are for set_property, where `object`, `value` and `pspec` are in scope. */

#define YC_SET_STRING(field)                                                   \
  G_STMT_START {                                                               \
    if (_yc_replace_string (&(field), g_value_get_string (value)))             \
      g_object_notify_by_pspec (object, pspec);                                \
  } G_STMT_END

/* uint, boolean (pass !!g_value_get_boolean) and enum fields. */
#define YC_SET_SCALAR(field, expr)                                             \
  G_STMT_START {                                                               \
    __typeof__ (field) v_ = (expr);                                            \
    if ((field) != v_)                                                         \
      {                                                                        \
        (field) = v_;                                                          \
        g_object_notify_by_pspec (object, pspec);                              \
      }                                                                        \
  } G_STMT_END

#define YC_SET_OBJECT(field)                                                   \
  G_STMT_START {                                                               \
    if (g_set_object (&(field), g_value_get_object (value)))                   \
      g_object_notify_by_pspec (object, pspec);                                \
  } G_STMT_END

#define YC_SET_DATE_TIME(field)                                                \
  G_STMT_START {                                                               \
    if (_yc_replace_date_time (&(field), g_value_get_boxed (value)))           \
      g_object_notify_by_pspec (object, pspec);                                \
  } G_STMT_END

G_END_DECLS
