/* yc-scanner-device.c: the open device's options, on the worker: what it can do, settings clamped
 * to its constraints, remembered settings, and the tests' fault injection. */
#define G_LOG_DOMAIN "yc-scanner"

#include <errno.h>
#include <string.h>
#include <sane/sane.h>
#include <sane/saneopts.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "yc-scanner-private.h"

/* What a device that has never been used starts with. */
#define DEFAULT_RESOLUTION 300

static int
find_option (YcScanner                     *self,
             const char                    *name,
             const SANE_Option_Descriptor **out)
{
  SANE_Int count = 0;

  /* Option 0 is the number of options. */
  if (_yc_sane_control_option (self, self->handle, 0, SANE_ACTION_GET_VALUE, &count, NULL) !=
      SANE_STATUS_GOOD)
    return -1;
  for (SANE_Int i = 1; i < count; i++)
    {
      const SANE_Option_Descriptor *desc = _yc_sane_get_option_descriptor (self, self->handle, i);

      if (desc != NULL && desc->name != NULL && strcmp (desc->name, name) == 0)
        {
          if (out != NULL)
            *out = desc;
          return i;
        }
    }
  return -1;
}

static gboolean
option_settable (const SANE_Option_Descriptor *desc)
{
  return SANE_OPTION_IS_ACTIVE (desc->cap) && SANE_OPTION_IS_SETTABLE (desc->cap);
}

static SANE_Status
set_word (YcScanner *self,
          int        index,
          SANE_Word  value)
{
  return _yc_sane_control_option (self, self->handle, index, SANE_ACTION_SET_VALUE, &value, NULL);
}

static gboolean
get_word (YcScanner *self,
          int        index,
          SANE_Word *value)
{
  SANE_Status status = _yc_sane_control_option (self, self->handle, index, SANE_ACTION_GET_VALUE,
                                                value, NULL);

  return status == SANE_STATUS_GOOD;
}

static SANE_Status
set_string (YcScanner                    *self,
            int                           index,
            const SANE_Option_Descriptor *desc,
            const char                   *value)
{
  g_autofree char *buffer = g_malloc0 (MAX (desc->size, (SANE_Int) strlen (value) + 1));

  strcpy (buffer, value);
  return _yc_sane_control_option (self, self->handle, index, SANE_ACTION_SET_VALUE, buffer, NULL);
}

static double
word_to_double (const SANE_Option_Descriptor *desc,
                SANE_Word                     w)
{
  return desc->type == SANE_TYPE_FIXED ? SANE_UNFIX (w) : (double) w;
}

static SANE_Word
double_to_word (const SANE_Option_Descriptor *desc,
                double                        v)
{
  return desc->type == SANE_TYPE_FIXED ? SANE_FIX (v) : (SANE_Word) (v + (v < 0 ? -0.5 : 0.5));
}

/* The allowed value of a numeric option nearest to @value. */
static SANE_Word
clamp_word (const SANE_Option_Descriptor *desc,
            double                        value)
{
  if (desc->constraint_type == SANE_CONSTRAINT_RANGE && desc->constraint.range != NULL)
    {
      const SANE_Range *r = desc->constraint.range;

      return double_to_word (desc, _yc_scan_clamp_range (value, word_to_double (desc, r->min),
                                                         word_to_double (desc, r->max),
                                                         word_to_double (desc, r->quant)));
    }
  if (desc->constraint_type == SANE_CONSTRAINT_WORD_LIST && desc->constraint.word_list != NULL &&
      desc->constraint.word_list[0] > 0)
    {
      const SANE_Word *list = desc->constraint.word_list;
      g_autofree double *values = g_new (double, list[0]);

      for (SANE_Word i = 0; i < list[0]; i++)
        values[i] = word_to_double (desc, list[i + 1]);
      return double_to_word (desc, _yc_scan_clamp_list (value, values, list[0]));
    }
  return double_to_word (desc, value);
}

static const char * const *
string_list (const SANE_Option_Descriptor *desc)
{
  if (desc->type != SANE_TYPE_STRING || desc->constraint_type != SANE_CONSTRAINT_STRING_LIST)
    return NULL;
  return (const char * const *) desc->constraint.string_list;
}

static gboolean
depth_allows (const SANE_Option_Descriptor *desc,
              SANE_Word                     depth)
{
  if (desc->constraint_type == SANE_CONSTRAINT_WORD_LIST && desc->constraint.word_list != NULL)
    {
      for (SANE_Word i = 1; i <= desc->constraint.word_list[0]; i++)
        if (desc->constraint.word_list[i] == depth)
          return TRUE;
      return FALSE;
    }
  if (desc->constraint_type == SANE_CONSTRAINT_RANGE && desc->constraint.range != NULL)
    return depth >= desc->constraint.range->min && depth <= desc->constraint.range->max;
  return TRUE;
}

/* The set of ours (1 << value) among the strings a string-list option allows. */
static guint
string_list_mask (YcScanner  *self,
                  const char *name,
                  int       (*from_sane) (const char *))
{
  const SANE_Option_Descriptor *desc = NULL;
  guint mask = 0;

  if (find_option (self, name, &desc) < 0 || string_list (desc) == NULL)
    return 0;
  for (const char * const *s = string_list (desc); *s != NULL; s++)
    {
      int value = from_sane (*s);

      if (value >= 0)
        mask |= 1u << value;
    }
  return mask;
}

/* What the device can do, without changing anything. */
void
_yc_scanner_read_capabilities (YcScanner          *self,
                               YcScanCapabilities *caps)
{
  const SANE_Option_Descriptor *desc = NULL;
  gboolean depth1 = FALSE;
  int index;

  caps->sources = string_list_mask (self, SANE_NAME_SCAN_SOURCE, _yc_scan_source_from_sane);
  if (caps->sources == 0)
    caps->sources = 1u << YC_SCAN_SOURCE_FLATBED;

  index = find_option (self, SANE_NAME_BIT_DEPTH, &desc);
  if (index >= 0 && option_settable (desc))
    depth1 = depth_allows (desc, 1);

  caps->modes = string_list_mask (self, SANE_NAME_SCAN_MODE, _yc_scan_mode_from_sane);
  /* Without a line-art mode, grey at 1 bit per sample is line-art. */
  if ((caps->modes & (1u << YC_SCAN_MODE_GRAY)) && depth1)
    caps->modes |= 1u << YC_SCAN_MODE_LINEART;
  if (caps->modes == 0)
    caps->modes = 1u << YC_SCAN_MODE_COLOR;

  index = find_option (self, SANE_NAME_SCAN_RESOLUTION, &desc);
  if (index >= 0 && desc->constraint_type == SANE_CONSTRAINT_RANGE &&
      desc->constraint.range != NULL)
    {
      caps->resolution_min = word_to_double (desc, desc->constraint.range->min);
      caps->resolution_max = word_to_double (desc, desc->constraint.range->max);
      caps->resolution_quant = MAX (1.0, word_to_double (desc, desc->constraint.range->quant));
    }
  else if (index >= 0 && desc->constraint_type == SANE_CONSTRAINT_WORD_LIST &&
           desc->constraint.word_list != NULL)
    {
      const SANE_Word *list = desc->constraint.word_list;

      caps->resolution_list = g_array_new (FALSE, FALSE, sizeof (guint));
      for (SANE_Word i = 1; i <= list[0]; i++)
        {
          guint dpi = (guint) (word_to_double (desc, list[i]) + 0.5);

          g_array_append_val (caps->resolution_list, dpi);
          caps->resolution_min = i == 1 ? dpi : MIN (caps->resolution_min, dpi);
          caps->resolution_max = MAX (caps->resolution_max, dpi);
        }
    }
}

static gboolean
set_refused_error (YcScanner  *self,
                   const char *name,
                   const char *value,
                   GError    **error)
{
  g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_INVALID,
               _("The scanner “%s” does not accept “%s” for its setting “%s”."),
               self->handle_device, value, name);
  return FALSE;
}

/* Parses @value for the option's type and sets it. */
static gboolean
set_option_from_string (YcScanner  *self,
                        const char *name,
                        const char *value,
                        GError    **error)
{
  const SANE_Option_Descriptor *desc = NULL;
  int index = find_option (self, name, &desc);
  SANE_Status status = SANE_STATUS_INVAL;

  if (index < 0)
    {
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_INVALID,
                   _("The scanner “%s” has no setting “%s”."), self->handle_device, name);
      return FALSE;
    }
  switch (desc->type)
    {
    case SANE_TYPE_BOOL:
      {
        gboolean on = g_ascii_strcasecmp (value, "yes") == 0 ||
                      g_ascii_strcasecmp (value, "true") == 0 ||
                      strcmp (value, "1") == 0;
        status = set_word (self, index, on ? SANE_TRUE : SANE_FALSE);
        break;
      }
    case SANE_TYPE_INT:
    case SANE_TYPE_FIXED:
      status = set_word (self, index, double_to_word (desc, g_ascii_strtod (value, NULL)));
      break;
    case SANE_TYPE_STRING:
      status = set_string (self, index, desc, value);
      break;
    case SANE_TYPE_BUTTON:
      status = _yc_sane_control_option (self, self->handle, index, SANE_ACTION_SET_VALUE, NULL,
                                        NULL);
      break;
    default:
      break;
    }
  if (status != SANE_STATUS_GOOD)
    return set_refused_error (self, name, value, error);
  return TRUE;
}

/* Scans the whole glass: the page's own size is not known, and a white margin costs little once
 * compressed. */
static void
set_full_area (YcScanner *self)
{
  static const struct { const char *name; gboolean max; } edges[] = {
    { SANE_NAME_SCAN_TL_X, FALSE }, { SANE_NAME_SCAN_TL_Y, FALSE },
    { SANE_NAME_SCAN_BR_X, TRUE },  { SANE_NAME_SCAN_BR_Y, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    {
      const SANE_Option_Descriptor *desc = NULL;
      int index = find_option (self, edges[i].name, &desc);

      if (index < 0 || !option_settable (desc) || desc->constraint_type != SANE_CONSTRAINT_RANGE)
        continue;
      set_word (self, index,
                edges[i].max ? desc->constraint.range->max : desc->constraint.range->min);
    }
}

/* Sets @wanted on the open device, each value clamped to what it allows, and returns the values it
 * uses. */
YcScanSettings *
_yc_scanner_apply_settings (YcScanner            *self,
                            const YcScanSettings *wanted,
                            GError              **error)
{
  g_autoptr(YcScanSettings) used = NULL;
  const SANE_Option_Descriptor *desc = NULL;
  gboolean gray_as_lineart = FALSE;
  int index;

  used = yc_scan_settings_new (YC_SCAN_SOURCE_FLATBED, wanted->mode, wanted->resolution);

  /* Source: the one asked for; a feeder without duplex is the nearest thing to duplex; else the
   * glass. */
  index = find_option (self, SANE_NAME_SCAN_SOURCE, &desc);
  if (index >= 0 && option_settable (desc) && string_list (desc) != NULL)
    {
      const char *picked = NULL;
      YcScanSource order[3];
      guint n = 0;

      order[n++] = wanted->source;
      if (wanted->source == YC_SCAN_SOURCE_DUPLEX)
        order[n++] = YC_SCAN_SOURCE_ADF;
      if (wanted->source != YC_SCAN_SOURCE_FLATBED)
        order[n++] = YC_SCAN_SOURCE_FLATBED;
      for (guint i = 0; i < n && picked == NULL; i++)
        {
          picked = _yc_scan_pick_string (string_list (desc), _yc_scan_source_names (order[i]));
          if (picked != NULL)
            used->source = order[i];
        }
      if (picked == NULL)
        {
          /* A vendor name we do not know: take the first that looks right. */
          for (const char * const *s = string_list (desc); *s != NULL && picked == NULL; s++)
            if (_yc_scan_source_from_sane (*s) == (int) wanted->source)
              {
                picked = *s;
                used->source = wanted->source;
              }
        }
      if (picked != NULL && set_string (self, index, desc, picked) != SANE_STATUS_GOOD)
        {
          set_refused_error (self, SANE_NAME_SCAN_SOURCE, picked, error);
          return NULL;
        }
    }

  /* Mode: the one asked for, else the nearest (line-art as 1-bit grey, grey as colour, colour as
   * grey). */
  index = find_option (self, SANE_NAME_SCAN_MODE, &desc);
  if (index >= 0 && option_settable (desc) && string_list (desc) != NULL)
    {
      const char * const *modes = string_list (desc);
      const char *picked = _yc_scan_pick_string (modes, _yc_scan_mode_names (wanted->mode));

      used->mode = wanted->mode;
      if (picked == NULL && wanted->mode == YC_SCAN_MODE_LINEART)
        {
          const SANE_Option_Descriptor *depth = NULL;
          int depth_index = find_option (self, SANE_NAME_BIT_DEPTH, &depth);

          picked = _yc_scan_pick_string (modes, _yc_scan_mode_names (YC_SCAN_MODE_GRAY));
          if (picked != NULL && depth_index >= 0 && option_settable (depth) &&
              depth_allows (depth, 1))
            gray_as_lineart = TRUE;
          else
            used->mode = YC_SCAN_MODE_GRAY;
        }
      if (picked == NULL)
        {
          used->mode = wanted->mode == YC_SCAN_MODE_COLOR ? YC_SCAN_MODE_GRAY : YC_SCAN_MODE_COLOR;
          picked = _yc_scan_pick_string (modes, _yc_scan_mode_names (used->mode));
        }
      if (picked != NULL && set_string (self, index, desc, picked) != SANE_STATUS_GOOD)
        {
          set_refused_error (self, SANE_NAME_SCAN_MODE, picked, error);
          return NULL;
        }
    }

  /* Depth after mode: changing the mode reloads the options. */
  index = find_option (self, SANE_NAME_BIT_DEPTH, &desc);
  if (index >= 0 && option_settable (desc))
    {
      if (gray_as_lineart)
        set_word (self, index, 1);
      else if (used->mode != YC_SCAN_MODE_LINEART && depth_allows (desc, 8))
        set_word (self, index, 8);
    }

  index = find_option (self, SANE_NAME_SCAN_RESOLUTION, &desc);
  if (index >= 0 && option_settable (desc) &&
      (desc->type == SANE_TYPE_INT || desc->type == SANE_TYPE_FIXED))
    {
      SANE_Word w = clamp_word (desc, wanted->resolution);
      SANE_Status status = set_word (self, index, w);

      if (status != SANE_STATUS_GOOD)
        {
          g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_INVALID,
                       _("The scanner “%s” does not accept %u dpi."), self->handle_device,
                       (guint) (word_to_double (desc, w) + 0.5));
          return NULL;
        }
      /* The driver may round again (SANE_INFO_INEXACT): what it reads back is what it uses. */
      if (get_word (self, index, &w))
        used->resolution = (guint) (word_to_double (desc, w) + 0.5);
    }

  set_full_area (self);

  for (guint i = 0; wanted->extra != NULL && wanted->extra[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (wanted->extra[i], "=", 2);

      if (pair[0] == NULL || pair[1] == NULL)
        continue;
      if (!set_option_from_string (self, pair[0], pair[1], error))
        return NULL;
    }
  used->extra = g_strdupv (wanted->extra);

  return g_steal_pointer (&used);
}

void
_yc_scanner_remember_settings (YcScanner            *self,
                               const char           *device,
                               const YcScanSettings *used)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (self->settings_path);
  g_autofree char *data = NULL;
  gsize len;

  g_mutex_lock (&self->lock);
  _yc_scan_settings_save (self->settings_file, device, used);
  data = g_key_file_to_data (self->settings_file, &len, NULL);
  g_mutex_unlock (&self->lock);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_warning ("Cannot create %s for the scanner settings: %s", dir, g_strerror (errno));
  else if (!g_file_set_contents_full (self->settings_path, data, len,
                                      G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_warning ("Cannot save the scanner settings to %s: %s", self->settings_path, error->message);
}

YcScanSettings *
_yc_scanner_default_settings (YcScanner  *self,
                              const char *device)
{
  YcScanSettings *settings = yc_scanner_dup_last_settings (self, device);

  return settings ? settings : yc_scan_settings_new (YC_SCAN_SOURCE_FLATBED, YC_SCAN_MODE_COLOR,
                                                     DEFAULT_RESOLUTION);
}

void
_yc_scanner_inject_if_due (YcScanner       *self,
                           guint            page_index,
                           YcScanInjection *applied)
{
  g_autofree char *name = NULL, *value = NULL;
  const SANE_Option_Descriptor *desc = NULL;
  int index;

  g_mutex_lock (&self->lock);
  if (self->inject_name != NULL && self->inject_page == page_index)
    {
      name = g_steal_pointer (&self->inject_name);
      value = g_steal_pointer (&self->inject_value);
    }
  g_mutex_unlock (&self->lock);
  if (name == NULL || applied->old_value != NULL)
    return;

  index = find_option (self, name, &desc);
  if (index < 0 || desc->size <= 0)
    {
      g_warning ("Cannot inject %s: the device has no such option", name);
      return;
    }
  applied->index = index;
  applied->old_value = g_malloc0 (desc->size);
  _yc_sane_control_option (self, self->handle, index, SANE_ACTION_GET_VALUE, applied->old_value,
                           NULL);
  if (!set_option_from_string (self, name, value, NULL))
    g_warning ("Cannot inject %s = %s", name, value);
}

void
_yc_scanner_undo_injection (YcScanner       *self,
                            YcScanInjection *applied)
{
  if (applied->old_value == NULL || self->handle == NULL)
    {
      g_clear_pointer (&applied->old_value, g_free);
      return;
    }
  _yc_sane_control_option (self, self->handle, applied->index, SANE_ACTION_SET_VALUE,
                           applied->old_value, NULL);
  g_clear_pointer (&applied->old_value, g_free);
}
