/* yc-scanner-worker.c: the scanner's worker thread: it owns SANE (in a helper process), runs the
 * queued commands, and opens devices (again, when one comes back under a new name). */
#define G_LOG_DOMAIN "yc-scanner"

#include <sane/sane.h>
#include <glib/gi18n.h>

#include "yc-scanner-private.h"

/* --- SANE statuses as errors a clerk can act on --- */

void
_yc_scanner_set_status_error (SANE_Status status,
                              const char *device,
                              guint       n_kept,
                              GError    **error)
{
  switch (status)
    {
    case SANE_STATUS_JAMMED:
      if (n_kept > 0)
        g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_JAMMED,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The document feeder is jammed. Clear it and press Scan to "
                                  "continue; the %u page already scanned is kept.",
                                  "The document feeder is jammed. Clear it and press Scan to "
                                  "continue; the %u pages already scanned are kept.", n_kept),
                     n_kept);
      else
        g_set_error_literal (error, YC_SCAN_ERROR, YC_SCAN_ERROR_JAMMED,
                             _("The document feeder is jammed. Clear it and press Scan again."));
      break;
    case SANE_STATUS_COVER_OPEN:
      if (n_kept > 0)
        g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_COVER_OPEN,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The scanner’s cover is open. Close it and press Scan to "
                                  "continue; the %u page already scanned is kept.",
                                  "The scanner’s cover is open. Close it and press Scan to "
                                  "continue; the %u pages already scanned are kept.", n_kept),
                     n_kept);
      else
        g_set_error_literal (error, YC_SCAN_ERROR, YC_SCAN_ERROR_COVER_OPEN,
                             _("The scanner’s cover is open. Close it and press Scan again."));
      break;
    case SANE_STATUS_NO_DOCS:
      g_set_error_literal (error, YC_SCAN_ERROR, YC_SCAN_ERROR_NO_DOCS,
                           _("The document feeder is empty. Put the pages in the feeder and press "
                             "Scan."));
      break;
    case SANE_STATUS_DEVICE_BUSY:
      g_set_error_literal (error, YC_SCAN_ERROR, YC_SCAN_ERROR_DEVICE_BUSY,
                           _("The scanner is busy: another program is using it, or it is warming "
                             "up. Wait a moment and press Scan again."));
      break;
    case SANE_STATUS_IO_ERROR:
      if (n_kept > 0)
        g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_DEVICE_GONE,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The scanner “%s” stopped responding. Check that it is switched "
                                  "on and connected, then press Scan to continue; the %u page "
                                  "already scanned is kept.",
                                  "The scanner “%s” stopped responding. Check that it is switched "
                                  "on and connected, then press Scan to continue; the %u pages "
                                  "already scanned are kept.", n_kept),
                     device, n_kept);
      else
        g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_DEVICE_GONE,
                     _("The scanner “%s” stopped responding. Check that it is switched on and "
                       "connected, then press Scan again."), device);
      break;
    case SANE_STATUS_ACCESS_DENIED:
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_ACCESS_DENIED,
                   _("This user may not use the scanner “%s”. Ask your support staff to grant "
                     "access."), device);
      break;
    case SANE_STATUS_INVAL:
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_INVALID,
                   _("The scanner “%s” refused the request. Check the scan settings and try "
                     "again."), device);
      break;
    case SANE_STATUS_UNSUPPORTED:
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_UNSUPPORTED,
                   _("The scanner “%s” cannot do this. Choose other scan settings."), device);
      break;
    case SANE_STATUS_CANCELLED:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Scanning was cancelled."));
      break;
    case SANE_STATUS_NO_MEM:
      g_set_error_literal (error, YC_SCAN_ERROR, YC_SCAN_ERROR_FAILED,
                           _("The scanner driver ran out of memory. Choose a lower resolution, or "
                             "restart the computer."));
      break;
    default:
      g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_FAILED,
                   _("The scanner “%s” reported an error (%s). Press Scan again."), device,
                   _yc_sane_strstatus (status));
      break;
    }
}

static void
set_open_error (SANE_Status status,
                const char *device,
                GError    **error)
{
  /* An unknown name (INVAL) or an I/O error on open means the device is not there (any more). */
  if (status == SANE_STATUS_INVAL || status == SANE_STATUS_IO_ERROR)
    g_set_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_DEVICE_GONE,
                 _("The scanner “%s” cannot be found. Check that it is switched on and connected, "
                   "then try again."), device);
  else
    _yc_scanner_set_status_error (status, device, 0, error);
}

/* --- devices --- */

void
_yc_scanner_close_handle (YcScanner *self)
{
  SANE_Handle handle = self->handle;

  if (handle == NULL)
    return;
  _yc_sane_cancel (self, handle);
  /* Only if the helper is still there: a cancel that did not come back took the handle with it. */
  if (self->handle == handle)
    _yc_sane_close (self, handle);
  self->handle = NULL;
  g_clear_pointer (&self->handle_device, g_free);
}

static gboolean
check_sane (YcScanner *self,
            GError   **error)
{
  if (_yc_sane_ensure_helper (self))
    return TRUE;
  g_set_error_literal (error, YC_SCAN_ERROR, YC_SCAN_ERROR_FAILED,
                       _("The scanner drivers (SANE) could not be started. Ask your support staff "
                         "to check the installation."));
  return FALSE;
}

static GPtrArray *
list_devices (YcScanner *self,
              GError   **error)
{
  GPtrArray *devices = NULL;
  SANE_Status status;

  if (!check_sane (self, error))
    return NULL;

  status = _yc_sane_get_devices (self, &devices);
  if (status != SANE_STATUS_GOOD)
    {
      _yc_scanner_set_status_error (status, "", 0, error);
      return NULL;
    }

  for (guint i = 0; i < devices->len; i++)
    {
      YcScanDevice *device = g_ptr_array_index (devices, i);

      g_hash_table_replace (self->identities, g_strdup (device->name),
                            g_strdup_printf ("%s\n%s", device->vendor, device->model));
    }
  return devices;
}

/* A device that was unplugged may come back under another name (a new USB address): the one other
 * device with the same vendor and model. */
static char *
resolve_again (YcScanner  *self,
               const char *device)
{
  const char *identity = g_hash_table_lookup (self->identities, device);
  g_autoptr(GPtrArray) devices = NULL;
  const char *found = NULL;

  if (identity == NULL)
    return NULL;
  devices = list_devices (self, NULL);
  if (devices == NULL)
    return NULL;
  for (guint i = 0; i < devices->len; i++)
    {
      YcScanDevice *d = g_ptr_array_index (devices, i);
      g_autofree char *id = g_strdup_printf ("%s\n%s", d->vendor, d->model);

      if (g_strcmp0 (d->name, device) == 0 || g_strcmp0 (id, identity) != 0)
        continue;
      if (found != NULL)
        return NULL;   /* two alike: do not guess */
      found = d->name;
    }
  return g_strdup (found);
}

gboolean
_yc_scanner_ensure_open (YcScanner  *self,
                         const char *device,
                         GError    **error)
{
  const char *name;
  SANE_Handle handle = NULL;
  SANE_Status status;

  if (!check_sane (self, error))
    return FALSE;
  if (self->handle != NULL && g_strcmp0 (self->handle_device, device) == 0)
    return TRUE;
  _yc_scanner_close_handle (self);

  name = g_hash_table_lookup (self->aliases, device);
  if (name == NULL)
    name = device;
  status = _yc_sane_open (self, name, &handle);
  g_mutex_lock (&self->lock);
  self->open_count++;
  g_mutex_unlock (&self->lock);

  if (status != SANE_STATUS_GOOD && (status == SANE_STATUS_INVAL || status == SANE_STATUS_IO_ERROR))
    {
      g_autofree char *other = resolve_again (self, device);

      if (other != NULL)
        {
          g_debug ("Scanner %s is back as %s", device, other);
          status = _yc_sane_open (self, other, &handle);
          if (status == SANE_STATUS_GOOD)
            g_hash_table_replace (self->aliases, g_strdup (device), g_steal_pointer (&other));
        }
    }
  if (status != SANE_STATUS_GOOD)
    {
      set_open_error (status, device, error);
      return FALSE;
    }

  self->handle = handle;
  self->handle_device = g_strdup (device);
  return TRUE;
}

/* --- the thread --- */

static void
run_command (YcScanner     *self,
             YcScanCommand *cmd)
{
  GError *error = NULL;

  if (cmd->task != NULL &&
      g_cancellable_set_error_if_cancelled (g_task_get_cancellable (cmd->task), &error))
    {
      _yc_scanner_complete_command (cmd, NULL, NULL, error);
      return;
    }

  switch (cmd->kind)
    {
    case YC_SCAN_CMD_LIST:
      {
        GPtrArray *devices = list_devices (self, &error);

        _yc_scanner_complete_command (cmd, devices, (GDestroyNotify) g_ptr_array_unref, error);
        break;
      }

    case YC_SCAN_CMD_OPEN:
      _yc_scanner_ensure_open (self, cmd->device, &error);
      _yc_scanner_complete_command (cmd, error ? NULL : GINT_TO_POINTER (TRUE), NULL, error);
      break;

    case YC_SCAN_CMD_CLOSE:
      _yc_scanner_close_handle (self);
      break;

    case YC_SCAN_CMD_CAPABILITIES:
      {
        YcScanCapabilities *caps = NULL;

        if (_yc_scanner_ensure_open (self, cmd->device, &error))
          {
            g_autoptr(YcScanSettings) wanted = _yc_scanner_default_settings (self, cmd->device);

            caps = g_new0 (YcScanCapabilities, 1);
            caps->device = g_strdup (cmd->device);
            _yc_scanner_read_capabilities (self, caps);
            caps->current = _yc_scanner_apply_settings (self, wanted, &error);
            if (caps->current == NULL)
              g_clear_pointer (&caps, yc_scan_capabilities_free);
          }
        _yc_scanner_complete_command (cmd, caps, (GDestroyNotify) yc_scan_capabilities_free, error);
        break;
      }

    case YC_SCAN_CMD_SET_OPTIONS:
      {
        YcScanSettings *used = NULL;

        if (_yc_scanner_ensure_open (self, cmd->device, &error))
          used = _yc_scanner_apply_settings (self, cmd->settings, &error);
        if (used != NULL)
          _yc_scanner_remember_settings (self, cmd->device, used);
        _yc_scanner_complete_command (cmd, used, (GDestroyNotify) yc_scan_settings_free, error);
        break;
      }

    case YC_SCAN_CMD_SCAN:
      _yc_scanner_run_scan (self, cmd->job);
      break;

    case YC_SCAN_CMD_STOP:
    default:
      g_assert_not_reached ();
    }
}

gpointer
_yc_scanner_worker_main (gpointer data)
{
  YcScanner *self = data;

  /* The helper process, and SANE in it, start with the first command that needs a device. */
  for (;;)
    {
      YcScanCommand *cmd = g_async_queue_pop (self->commands);

      if (cmd->kind == YC_SCAN_CMD_STOP)
        {
          _yc_scan_command_free (cmd);
          break;
        }
      run_command (self, cmd);
      _yc_scan_command_free (cmd);
      _yc_sane_command_done (self);
    }

  _yc_scanner_close_handle (self);
  _yc_sane_stop_helper (self);
  _yc_sane_command_done (self);
  return NULL;
}
