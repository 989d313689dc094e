/* yc-scanner-job.c: one scan job on the worker, as a state machine (open, set options, start, get
 * parameters, read) that checks for cancellation between steps. */
#define G_LOG_DOMAIN "yc-scanner"

#include <sane/sane.h>
#include <glib/gi18n.h>

#include "yc-scanner-private.h"

/* sane_read is asked for this much at a time: a few lines of a 600 dpi colour page. */
#define READ_BUFFER_SIZE (128 * 1024)
/* Progress is reported in steps of at least this much of a page, so a fast scanner does not flood
 * the main loop. */
#define PROGRESS_STEP 0.02

typedef enum {
  STATE_OPEN,
  STATE_SET_OPTIONS,
  STATE_START,
  STATE_GET_PARAMETERS,
  STATE_READ,
  STATE_DONE,
} ScanState;

void
_yc_scanner_run_scan (YcScanner *self,
                      YcScanJob *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcScanSettings) used = NULL;
  g_autofree guint8 *buffer = NULL;
  YcPageEncoder *encoder = NULL;
  ScanState state = STATE_OPEN;
  YcScanInjection injection = { 0 };
  SANE_Parameters params;
  gboolean started = FALSE;
  gboolean device_gone = FALSE;
  guint n_pages = 0;
  double reported = 0;

  self->current_job = job;
  while (state != STATE_DONE)
    {
      if (_yc_scan_job_is_cancelled (job))
        {
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Scanning was cancelled."));
          break;
        }

      switch (state)
        {
        case STATE_OPEN:
          if (!_yc_scanner_ensure_open (self, job->device, &error))
            {
              device_gone = g_error_matches (error, YC_SCAN_ERROR, YC_SCAN_ERROR_DEVICE_GONE);
              state = STATE_DONE;
              break;
            }
          state = STATE_SET_OPTIONS;
          break;

        case STATE_SET_OPTIONS:
          used = _yc_scanner_apply_settings (self, job->settings, &error);
          if (used == NULL)
            {
              state = STATE_DONE;
              break;
            }
          _yc_scanner_remember_settings (self, job->device, used);
          buffer = g_malloc (READ_BUFFER_SIZE);
          state = STATE_START;
          break;

        case STATE_START:
          {
            SANE_Status status;

            _yc_scanner_inject_if_due (self, n_pages, &injection);
            status = _yc_sane_start (self, self->handle);
            if (status == SANE_STATUS_GOOD)
              {
                started = TRUE;
                state = STATE_GET_PARAMETERS;
                break;
              }
            /* The feeder is empty: the end of a batch, or an error if nothing was scanned. Some
             * drivers report an I/O error instead, once the last sheet has gone through. */
            if (n_pages > 0 && used->source != YC_SCAN_SOURCE_FLATBED &&
                (status == SANE_STATUS_NO_DOCS || status == SANE_STATUS_IO_ERROR))
              {
                if (status == SANE_STATUS_IO_ERROR)
                  device_gone = TRUE;   /* reopen next time, in case it really went away */
                state = STATE_DONE;
                break;
              }
            _yc_scanner_set_status_error (status, job->device, n_pages, &error);
            device_gone = status == SANE_STATUS_IO_ERROR;
            state = STATE_DONE;
            break;
          }

        case STATE_GET_PARAMETERS:
          {
            SANE_Status status = _yc_sane_get_parameters (self, self->handle, &params);
            YcRawPageFormat format = { 0 };

            if (status != SANE_STATUS_GOOD)
              {
                _yc_scanner_set_status_error (status, job->device, n_pages, &error);
                device_gone = status == SANE_STATUS_IO_ERROR;
                state = STATE_DONE;
                break;
              }
            if (params.format != SANE_FRAME_GRAY && params.format != SANE_FRAME_RGB)
              {
                g_set_error (&error, YC_SCAN_ERROR, YC_SCAN_ERROR_UNSUPPORTED,
                             _("The scanner “%s” sends colour in three passes, which this program "
                               "cannot store. Turn off three-pass scanning in its settings, or "
                               "scan in gray."), job->device);
                state = STATE_DONE;
                break;
              }
            format.format = params.format == SANE_FRAME_RGB ? YC_RAW_RGB : YC_RAW_GRAY;
            format.depth = params.depth;
            format.pixels_per_line = params.pixels_per_line;
            format.bytes_per_line = params.bytes_per_line;
            format.lines = params.lines;
            format.dpi = used->resolution;
            encoder = _yc_page_encoder_new (self->files, &format, &error);
            if (encoder == NULL)
              {
                state = STATE_DONE;
                break;
              }
            reported = 0;
            _yc_scanner_post_progress (job, n_pages, params.lines < 0 ? -1.0 : 0.0);
            state = STATE_READ;
            break;
          }

        case STATE_READ:
          {
            SANE_Int len = 0;
            SANE_Status status = _yc_sane_read (self, self->handle, buffer, READ_BUFFER_SIZE, &len);

            if (status == SANE_STATUS_GOOD)
              {
                double fraction;

                if (len > 0 && !_yc_page_encoder_write (encoder, buffer, len, &error))
                  {
                    state = STATE_DONE;
                    break;
                  }
                fraction = _yc_page_encoder_get_fraction (encoder);
                if (fraction >= 0 && fraction - reported >= PROGRESS_STEP && fraction < 1.0)
                  {
                    reported = fraction;
                    _yc_scanner_post_progress (job, n_pages, fraction);
                  }
                break;
              }
            if (status == SANE_STATUS_EOF)
              {
                YcScannedPage *page = _yc_page_encoder_finish (g_steal_pointer (&encoder), &error);

                if (page == NULL)
                  {
                    state = STATE_DONE;
                    break;
                  }
                page->job_id = job->id;
                page->index = n_pages++;
                _yc_scanner_post_progress (job, page->index, 1.0);
                _yc_scanner_post_page (job, page);
                /* The glass holds one page; a feeder goes on until it is empty. */
                state = used->source == YC_SCAN_SOURCE_FLATBED ? STATE_DONE : STATE_START;
                break;
              }
            /* A read error: the partial page is thrown away, the pages before it are kept. */
            _yc_scanner_set_status_error (status, job->device, n_pages, &error);
            device_gone = status == SANE_STATUS_IO_ERROR;
            state = STATE_DONE;
            break;
          }

        case STATE_DONE:
        default:
          g_assert_not_reached ();
        }
    }

  _yc_page_encoder_abort (g_steal_pointer (&encoder));
  /* The outcome is known: the clerk gets it (and the pages) now, not after the driver has tidied
   * up, which is where drivers have been seen to hang. Commands queued meanwhile wait for the
   * worker, so the next job still starts on a reset device. */
  _yc_scanner_post_finished (job, g_steal_pointer (&error));

  /* sane_cancel ends every document, also a complete one: the driver resets and the feeder is
   * released. Still the job's: a driver that does not answer it in a cancelled job gets the same
   * short grace as during the job. */
  if (self->handle != NULL && started)
    _yc_sane_cancel (self, self->handle);
  _yc_scanner_undo_injection (self, &injection);
  if (device_gone)
    _yc_scanner_close_handle (self);
  self->current_job = NULL;
}
