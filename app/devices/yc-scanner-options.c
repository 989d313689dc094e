/* yc-scanner-options.c: the scanner's value types, SANE's names for sources and modes, clamping to
 * a device's constraints and the settings remembered per device. */
#define G_LOG_DOMAIN "yc-scanner"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "yc-scanner-private.h"

G_DEFINE_QUARK (yc-scan-error-quark, yc_scan_error)

G_DEFINE_ENUM_TYPE (YcScanSource, yc_scan_source,
  G_DEFINE_ENUM_VALUE (YC_SCAN_SOURCE_FLATBED, "flatbed"),
  G_DEFINE_ENUM_VALUE (YC_SCAN_SOURCE_ADF, "adf"),
  G_DEFINE_ENUM_VALUE (YC_SCAN_SOURCE_DUPLEX, "duplex"))

G_DEFINE_ENUM_TYPE (YcScanMode, yc_scan_mode,
  G_DEFINE_ENUM_VALUE (YC_SCAN_MODE_COLOR, "color"),
  G_DEFINE_ENUM_VALUE (YC_SCAN_MODE_GRAY, "gray"),
  G_DEFINE_ENUM_VALUE (YC_SCAN_MODE_LINEART, "lineart"))

static const char *
enum_to_string (GType type,
                int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  return v ? v->value_nick : NULL;
}

static gboolean
enum_from_string (GType       type,
                  const char *code,
                  int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *v;

  if (code == NULL)
    return FALSE;
  klass = g_type_class_ref (type);
  v = g_enum_get_value_by_nick (klass, code);
  if (v == NULL)
    return FALSE;
  *value = v->value;
  return TRUE;
}

const char *
yc_scan_source_to_string (YcScanSource source)
{
  return enum_to_string (YC_TYPE_SCAN_SOURCE, source);
}

gboolean
yc_scan_source_from_string (const char   *code,
                            YcScanSource *source)
{
  int value;

  if (!enum_from_string (YC_TYPE_SCAN_SOURCE, code, &value))
    return FALSE;
  *source = value;
  return TRUE;
}

const char *
yc_scan_mode_to_string (YcScanMode mode)
{
  return enum_to_string (YC_TYPE_SCAN_MODE, mode);
}

gboolean
yc_scan_mode_from_string (const char *code,
                          YcScanMode *mode)
{
  int value;

  if (!enum_from_string (YC_TYPE_SCAN_MODE, code, &value))
    return FALSE;
  *mode = value;
  return TRUE;
}

/* --- boxed types --- */

YcScanDevice *
yc_scan_device_copy (const YcScanDevice *device)
{
  YcScanDevice *copy = g_new0 (YcScanDevice, 1);

  copy->name = g_strdup (device->name);
  copy->vendor = g_strdup (device->vendor);
  copy->model = g_strdup (device->model);
  copy->type = g_strdup (device->type);
  return copy;
}

void
yc_scan_device_free (YcScanDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->name);
  g_free (device->vendor);
  g_free (device->model);
  g_free (device->type);
  g_free (device);
}

G_DEFINE_BOXED_TYPE (YcScanDevice, yc_scan_device, yc_scan_device_copy, yc_scan_device_free)

char *
yc_scan_device_dup_label (const YcScanDevice *device)
{
  const char *vendor = device->vendor && *device->vendor ? device->vendor : NULL;
  const char *model = device->model && *device->model ? device->model : NULL;

  /* Some drivers repeat the vendor in the model ("HP HP LaserJet …"). */
  if (vendor != NULL && model != NULL && g_ascii_strncasecmp (model, vendor, strlen (vendor)) == 0)
    vendor = NULL;
  if (vendor != NULL && model != NULL)
    return g_strdup_printf ("%s %s", vendor, model);
  if (model != NULL)
    return g_strdup (model);
  return g_strdup (device->name);
}

YcScanSettings *
yc_scan_settings_new (YcScanSource source,
                      YcScanMode   mode,
                      guint        resolution)
{
  YcScanSettings *settings = g_new0 (YcScanSettings, 1);

  settings->source = source;
  settings->mode = mode;
  settings->resolution = resolution;
  return settings;
}

YcScanSettings *
yc_scan_settings_copy (const YcScanSettings *settings)
{
  YcScanSettings *copy = g_new0 (YcScanSettings, 1);

  *copy = *settings;
  copy->extra = g_strdupv (settings->extra);
  return copy;
}

void
yc_scan_settings_free (YcScanSettings *settings)
{
  if (settings == NULL)
    return;
  g_strfreev (settings->extra);
  g_free (settings);
}

G_DEFINE_BOXED_TYPE (YcScanSettings, yc_scan_settings, yc_scan_settings_copy, yc_scan_settings_free)

void
yc_scan_settings_add_extra (YcScanSettings *settings,
                            const char     *name,
                            const char     *value)
{
  guint n = settings->extra ? g_strv_length (settings->extra) : 0;

  g_return_if_fail (name != NULL && strchr (name, '=') == NULL && value != NULL);

  settings->extra = g_renew (char *, settings->extra, n + 2);
  settings->extra[n] = g_strconcat (name, "=", value, NULL);
  settings->extra[n + 1] = NULL;
}

YcScanCapabilities *
yc_scan_capabilities_copy (const YcScanCapabilities *caps)
{
  YcScanCapabilities *copy = g_new0 (YcScanCapabilities, 1);

  *copy = *caps;
  copy->device = g_strdup (caps->device);
  if (caps->resolution_list != NULL)
    {
      GArray *list = caps->resolution_list;

      copy->resolution_list = g_array_sized_new (FALSE, FALSE, sizeof (guint), list->len);
      g_array_append_vals (copy->resolution_list, list->data, list->len);
    }
  copy->current = caps->current ? yc_scan_settings_copy (caps->current) : NULL;
  return copy;
}

void
yc_scan_capabilities_free (YcScanCapabilities *caps)
{
  if (caps == NULL)
    return;
  g_free (caps->device);
  g_clear_pointer (&caps->resolution_list, g_array_unref);
  g_clear_pointer (&caps->current, yc_scan_settings_free);
  g_free (caps);
}

G_DEFINE_BOXED_TYPE (YcScanCapabilities, yc_scan_capabilities, yc_scan_capabilities_copy,
                     yc_scan_capabilities_free)

YcScannedPage *
yc_scanned_page_copy (const YcScannedPage *page)
{
  YcScannedPage *copy = g_new0 (YcScannedPage, 1);

  *copy = *page;
  copy->sha256 = g_strdup (page->sha256);
  copy->content_type = g_strdup (page->content_type);
  return copy;
}

void
yc_scanned_page_free (YcScannedPage *page)
{
  if (page == NULL)
    return;
  g_free (page->sha256);
  g_free (page->content_type);
  g_free (page);
}

G_DEFINE_BOXED_TYPE (YcScannedPage, yc_scanned_page, yc_scanned_page_copy, yc_scanned_page_free)

YcCasePage *
yc_scanned_page_to_case_page (const YcScannedPage *page,
                              const char          *case_uuid,
                              guint                material)
{
  YcCasePage *record;

  g_return_val_if_fail (page != NULL && case_uuid != NULL, NULL);

  record = yc_case_page_new (case_uuid, material, page->sha256, page->content_type);
  record->width = page->width;
  record->height = page->height;
  record->dpi = page->dpi;
  /* An imported PDF has no scan mode. */
  record->mode = g_strcmp0 (page->content_type, "application/pdf") == 0
                 ? NULL : g_strdup (yc_scan_mode_to_string (page->mode));
  record->page_count = page->page_count;
  return record;
}

/* --- clamping --- */

double
_yc_scan_clamp_range (double value,
                      double min,
                      double max,
                      double quant)
{
  double steps;

  if (max < min)
    return min;
  value = CLAMP (value, min, max);
  if (quant <= 0)
    return value;
  /* The allowed values are min + k·quant; the top one may lie below max. */
  steps = round ((value - min) / quant);
  value = min + steps * quant;
  while (value > max + 1e-9)
    value -= quant;
  return value;
}

double
_yc_scan_clamp_list (double        value,
                     const double *list,
                     guint         n)
{
  double best;

  g_return_val_if_fail (n > 0, value);

  best = list[0];
  for (guint i = 1; i < n; i++)
    {
      double d = fabs (list[i] - value), d_best = fabs (best - value);

      if (d < d_best || (d == d_best && list[i] < best))
        best = list[i];
    }
  return best;
}

const char *
_yc_scan_pick_string (const char * const *allowed,
                      const char * const *wanted)
{
  if (allowed == NULL)
    return NULL;
  for (guint w = 0; wanted[w] != NULL; w++)
    for (guint a = 0; allowed[a] != NULL; a++)
      if (g_ascii_strcasecmp (allowed[a], wanted[w]) == 0)
        return allowed[a];
  return NULL;
}

/* The names drivers use, collected from the SANE backends (and simple-scan's lists). */
static const char * const flatbed_names[] = {
  "Flatbed", "FlatBed", "Normal", "Document Table", "Auto", NULL
};
static const char * const adf_names[] = {
  "Automatic Document Feeder", "ADF", "ADF Front", "ADF Simplex", "Document Feeder",
  "Automatic Document Feeder(left aligned)", "Automatic Document Feeder(centrally aligned)",
  "Auto Document Feeder", "Simplex", NULL
};
static const char * const duplex_names[] = {
  "ADF Duplex", "Duplex", "ADF Front and Back", "Automatic Document Feeder Duplex",
  "Automatic Document Feeder(left aligned,Duplex)",
  "Automatic Document Feeder(centrally aligned,Duplex)", NULL
};
static const char * const color_names[] = {
  "Color", "Colour", "24bit Color", "24bit Color[Fast]", "Color - 24 Bits", "24 bit Color",
  "True Color", "RGB", NULL
};
static const char * const gray_names[] = {
  "Gray", "Grayscale", "Grey", "Greyscale", "True Gray", "8-bit Grayscale", "Gray - 8 Bits",
  "256 levels gray", NULL
};
static const char * const lineart_names[] = {
  "Lineart", "LineArt", "Line art", "Black & White", "Black and White", "Binary", "Thresholded",
  "Monochrome", "1-bit Black & White", "Black & White - 1 Bit", "Halftone", NULL
};

const char * const *
_yc_scan_source_names (YcScanSource source)
{
  switch (source)
    {
    case YC_SCAN_SOURCE_FLATBED:
      return flatbed_names;
    case YC_SCAN_SOURCE_ADF:
      return adf_names;
    case YC_SCAN_SOURCE_DUPLEX:
      return duplex_names;
    default:
      g_return_val_if_reached (flatbed_names);
    }
}

const char * const *
_yc_scan_mode_names (YcScanMode mode)
{
  switch (mode)
    {
    case YC_SCAN_MODE_COLOR:
      return color_names;
    case YC_SCAN_MODE_GRAY:
      return gray_names;
    case YC_SCAN_MODE_LINEART:
      return lineart_names;
    default:
      g_return_val_if_reached (color_names);
    }
}

static int
lookup_name (const char         *name,
             const char * const *lists[],
             guint               n_lists)
{
  if (name == NULL)
    return -1;
  for (guint l = 0; l < n_lists; l++)
    for (guint i = 0; lists[l][i] != NULL; i++)
      if (g_ascii_strcasecmp (lists[l][i], name) == 0)
        return l;
  return -1;
}

int
_yc_scan_source_from_sane (const char *name)
{
  const char * const *lists[] = { flatbed_names, adf_names, duplex_names };
  int found = lookup_name (name, lists, G_N_ELEMENTS (lists));

  /* Unlisted vendor names: anything with "duplex" feeds both sides, anything with "feeder" or "ADF"
   * feeds. */
  if (found < 0 && name != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);

      if (strstr (lower, "duplex") != NULL)
        found = YC_SCAN_SOURCE_DUPLEX;
      else if (strstr (lower, "feeder") != NULL || strstr (lower, "adf") != NULL)
        found = YC_SCAN_SOURCE_ADF;
      else if (strstr (lower, "flatbed") != NULL)
        found = YC_SCAN_SOURCE_FLATBED;
    }
  return found;
}

int
_yc_scan_mode_from_sane (const char *name)
{
  const char * const *lists[] = { color_names, gray_names, lineart_names };

  return lookup_name (name, lists, G_N_ELEMENTS (lists));
}

/* --- remembered settings --- */

YcScanSettings *
_yc_scan_settings_load (GKeyFile   *keyfile,
                        const char *device)
{
  g_autofree char *source = NULL, *mode = NULL;
  YcScanSource s;
  YcScanMode m;
  guint64 resolution;
  g_autoptr(GError) error = NULL;

  if (!g_key_file_has_group (keyfile, device))
    return NULL;

  source = g_key_file_get_string (keyfile, device, "source", NULL);
  mode = g_key_file_get_string (keyfile, device, "mode", NULL);
  resolution = g_key_file_get_uint64 (keyfile, device, "resolution", &error);
  /* A hand-edited or older file: take what is readable, defaults for the rest. */
  if (!yc_scan_source_from_string (source, &s))
    s = YC_SCAN_SOURCE_FLATBED;
  if (!yc_scan_mode_from_string (mode, &m))
    m = YC_SCAN_MODE_COLOR;
  if (error != NULL || resolution == 0 || resolution > 19200)
    resolution = 300;

  return yc_scan_settings_new (s, m, (guint) resolution);
}

void
_yc_scan_settings_save (GKeyFile             *keyfile,
                        const char           *device,
                        const YcScanSettings *settings)
{
  g_key_file_set_string (keyfile, device, "source", yc_scan_source_to_string (settings->source));
  g_key_file_set_string (keyfile, device, "mode", yc_scan_mode_to_string (settings->mode));
  g_key_file_set_uint64 (keyfile, device, "resolution", settings->resolution);
}
