/* yc-scanner-private.h: internals shared by the scanner's files: the streaming page encoder, option
 * clamping, the scanner object's own state and the hooks the tests use. */
#pragma once

#include <sane/sane.h>

#include "yc-scanner.h"

G_BEGIN_DECLS

/* --- the page encoder (yc-scan-encoder.c): raw lines in, one compressed stored file out --- */

typedef enum {
  YC_RAW_GRAY,   /* one sample per pixel */
  YC_RAW_RGB,    /* three samples per pixel, interleaved */
} YcRawFormat;

typedef struct {
  YcRawFormat format;
  int         depth;            /* bits per sample: 1, 8 or 16 (16: in host byte order) */
  int         pixels_per_line;
  int         bytes_per_line;   /* may include padding at the end of each line */
  int         lines;            /* -1: not known until the end (hand scanners) */
  guint       dpi;
} YcRawPageFormat;

typedef struct _YcPageEncoder YcPageEncoder;

/* Gray depth 1 (line-art) becomes a lossless PNG; everything else a baseline JPEG of quality
 * YC_SCAN_JPEG_QUALITY with the resolution in its JFIF header, fed line by line. Only a few lines
 * are ever held in memory, except for line-art (the page at 1 bit per pixel; cairo writes it out as
 * 8-bit grey, which deflate packs tightly) and pages of unknown length (spooled to a temporary
 * file). */
#define YC_SCAN_JPEG_QUALITY 85
YcPageEncoder *_yc_page_encoder_new    (YcFileStore           *files,
                                        const YcRawPageFormat *format,
                                        GError               **error);
/* Data in any chunking, as sane_read returns it. */
gboolean       _yc_page_encoder_write  (YcPageEncoder *encoder,
                                        const guint8  *data,
                                        gsize          len,
                                        GError       **error);
/* Progress through the page, 0..1, or -1 when the page length is unknown. */
double         _yc_page_encoder_get_fraction (YcPageEncoder *encoder);
/* Commits the file (durable) and frees the encoder. A page with missing lines is completed with
 * white lines when at least one line arrived (some backends end a page early); with no line it is
 * an error. */
YcScannedPage *_yc_page_encoder_finish (YcPageEncoder *encoder,
                                        GError       **error);
/* Removes the partial file and frees the encoder. */
void           _yc_page_encoder_abort  (YcPageEncoder *encoder);

/* --- option values (yc-scanner-options.c), pure functions --- */

/* The allowed value nearest to @value in a range [min, max] with step @quant (0: any value). */
double         _yc_scan_clamp_range    (double        value,
                                        double        min,
                                        double        max,
                                        double        quant);
/* The allowed value nearest to @value in a list (ties go to the lower value). */
double         _yc_scan_clamp_list     (double        value,
                                        const double *list,
                                        guint         n);
/* The first of @wanted found in @allowed, compared without case; NULL if none. */
const char    *_yc_scan_pick_string    (const char * const *allowed,
                                        const char * const *wanted);
/* SANE's names for a source or a mode, best first (the drivers do not agree). */
const char * const *_yc_scan_source_names (YcScanSource source);
const char * const *_yc_scan_mode_names   (YcScanMode   mode);
/* Which of ours a SANE string is, or -1. */
int            _yc_scan_source_from_sane (const char *name);
int            _yc_scan_mode_from_sane   (const char *name);

/* --- remembered settings (yc-scanner-options.c) --- */

YcScanSettings *_yc_scan_settings_load (GKeyFile   *keyfile,
                                        const char *device);
void            _yc_scan_settings_save (GKeyFile             *keyfile,
                                        const char           *device,
                                        const YcScanSettings *settings);

/* --- the scanner object, split over yc-scanner.c (the object, its API, jobs and delivery),
 * yc-scanner-worker.c (the worker thread and devices), yc-scanner-device.c (options on the open
 * device) and yc-scanner-job.c (the scan job's state machine) --- */

typedef enum {
  YC_SCAN_CMD_STOP,
  YC_SCAN_CMD_LIST,
  YC_SCAN_CMD_OPEN,
  YC_SCAN_CMD_CLOSE,
  YC_SCAN_CMD_CAPABILITIES,
  YC_SCAN_CMD_SET_OPTIONS,
  YC_SCAN_CMD_SCAN,
} YcScanCommandKind;

typedef struct _YcScanJob YcScanJob;

typedef struct {
  YcScanCommandKind  kind;
  GTask             *task;   /* LIST, OPEN, CAPABILITIES, SET_OPTIONS: completed on its context */
  char              *device;
  YcScanSettings    *settings;
  YcScanJob         *job;    /* SCAN */
} YcScanCommand;

/* A scan job, shared by the caller's context and the worker. */
struct _YcScanJob {
  gatomicrefcount  ref;
  guint            id;
  char            *device;
  YcScanSettings  *settings;
  GMainContext    *context;
  /* Atomic: set from any thread, read by the worker and on the context. */
  gint             cancelled;
  GCancellable    *cancellable;
  gulong           cancelled_id;
  /* On the context only. */
  GTask           *task;       /* until the job has finished */
  GPtrArray       *pages;      /* (element-type YcScannedPage) delivered by page-done */
};

struct _YcScanner {
  GObject       parent_instance;

  YcFileStore  *files;
  GThread      *thread;
  GAsyncQueue  *commands;

  GMutex        lock;          /* protects the fields down to the next comment */
  GPtrArray    *live_jobs;     /* (element-type YcScanJob) not finished yet, oldest first */
  guint         next_job_id;
  GKeyFile     *settings_file;
  char         *settings_path;
  guint         open_count;
  guint         inject_page;
  char         *inject_name;   /* NULL: no injection */
  char         *inject_value;
  GPid          helper_pid;    /* the SANE helper process, 0 when there is none */
  guint         answer_timeout_s; /* tests: every driver call's time limit, 0: the usual ones */

  /* Atomic: set by finalize so that the worker stops waiting for the driver. */
  gint          stopping;

  /* The worker's own: touched by the worker thread only (and by finalize after joining it). */
  gboolean      sane_ready;    /* the helper process runs and SANE is initialised in it */
  GSubprocess  *helper;        /* the SANE helper process (yc-scanner-helper.c) */
  int           helper_fd;     /* the worker's end of its socket; -1 without a helper */
  gpointer      descriptors;   /* the open device's option descriptors, NULL: ask again */
  GPtrArray    *retired;       /* descriptors replaced during the current command */
  YcScanJob    *current_job;   /* the job being run: cancelling it cuts a blocked call short */
  SANE_Handle   handle;        /* the helper's handle of the open device */
  char         *handle_device; /* the name the caller uses */
  GHashTable   *identities;    /* device name → "vendor\nmodel", from the last listing */
  GHashTable   *aliases;       /* name the caller uses → the name it has now (re-plugged USB) */
};

typedef struct {
  int         index;
  guint8     *old_value;   /* to put back when the job ends */
} YcScanInjection;

/* Jobs, commands and results (yc-scanner.c). Results are handed to the caller's context. */
YcScanJob      *_yc_scan_job_ref            (YcScanJob      *job);
void            _yc_scan_job_unref          (YcScanJob      *job);
gboolean        _yc_scan_job_is_cancelled   (YcScanJob      *job);
void            _yc_scan_command_free       (YcScanCommand  *cmd);
/* Called by the worker: hands @result (or @error) to the command's task on the task's context.
 * Takes both. */
void            _yc_scanner_complete_command (YcScanCommand *cmd,
                                             gpointer        result,
                                             GDestroyNotify  result_free,
                                             GError         *error);
void            _yc_scanner_post_progress   (YcScanJob      *job,
                                             guint           page_index,
                                             double          fraction);
/* Both take what they are given (@page, @error). */
void            _yc_scanner_post_page       (YcScanJob      *job,
                                             YcScannedPage  *page);
void            _yc_scanner_post_finished   (YcScanJob      *job,
                                             GError         *error);

/* The worker thread and the device it holds open (yc-scanner-worker.c). */
gpointer        _yc_scanner_worker_main     (gpointer        data);
void            _yc_scanner_set_status_error (SANE_Status    status,
                                             const char     *device,
                                             guint           n_kept,
                                             GError        **error);
gboolean        _yc_scanner_ensure_open     (YcScanner      *self,
                                             const char     *device,
                                             GError        **error);
void            _yc_scanner_close_handle    (YcScanner      *self);

/* Options on the open device (yc-scanner-device.c). */
void            _yc_scanner_read_capabilities (YcScanner    *self,
                                             YcScanCapabilities *caps);
/* Sets @wanted, each value clamped to what the device allows; returns the values it uses. */
YcScanSettings *_yc_scanner_apply_settings  (YcScanner      *self,
                                             const YcScanSettings *wanted,
                                             GError        **error);
void            _yc_scanner_remember_settings (YcScanner    *self,
                                             const char     *device,
                                             const YcScanSettings *used);
YcScanSettings *_yc_scanner_default_settings (YcScanner     *self,
                                             const char     *device);
/* The tests' fault injection (_yc_scanner_inject_option), applied before page @page_index. */
void            _yc_scanner_inject_if_due   (YcScanner      *self,
                                             guint           page_index,
                                             YcScanInjection *applied);
void            _yc_scanner_undo_injection  (YcScanner      *self,
                                             YcScanInjection *applied);

/* --- the SANE helper process (yc-scanner-helper.c) and its messages (yc-scanner-protocol.c) --- */

/* The helper's end of the socket pair, as the helper sees it. */
#define YC_SANE_HELPER_FD    3
/* Holds the parent's process id when the executable is started as the helper. */
#define YC_SANE_HELPER_ENV   "YC_SANE_HELPER_PARENT"
#define YC_SANE_MAX_MESSAGE  (16 * 1024 * 1024)

/* A request: (uv), the operation and its arguments; each has a reply of its own type. */
typedef enum {
  YC_SANE_OP_INIT = 1,
  YC_SANE_OP_GET_DEVICES,
  YC_SANE_OP_OPEN,
  YC_SANE_OP_CLOSE,
  YC_SANE_OP_GET_DESCRIPTORS,
  YC_SANE_OP_CONTROL,
  YC_SANE_OP_START,
  YC_SANE_OP_GET_PARAMETERS,
  YC_SANE_OP_READ,
  YC_SANE_OP_CANCEL,
  YC_SANE_OP_EXIT,
} YcSaneOp;

/* A 32-bit length, then the serialized GVariant. Sinks a floating @message. */
gboolean        _yc_sane_send_message       (int                 fd,
                                             GVariant           *message);
/* The message read into @data (taken), as @type. */
GVariant       *_yc_sane_message_from_data  (const GVariantType *type,
                                             guint8             *data,
                                             gsize               len);

/* SANE through the helper process (yc-scanner-remote.c), on the worker. The calls mirror SANE's;
 * a helper that does not answer in time (a hung driver) is ended and the call reports
 * SANE_STATUS_IO_ERROR (void calls: nothing); the next _yc_sane_ensure_helper starts a new one. */
gboolean        _yc_sane_ensure_helper      (YcScanner      *self);
void            _yc_sane_stop_helper        (YcScanner      *self);
/* Frees descriptors retired during the command that has just ended. */
void            _yc_sane_command_done       (YcScanner      *self);
SANE_Status     _yc_sane_get_devices        (YcScanner      *self,
                                             GPtrArray     **devices);
SANE_Status     _yc_sane_open               (YcScanner      *self,
                                             const char     *name,
                                             SANE_Handle    *handle);
void            _yc_sane_close              (YcScanner      *self,
                                             SANE_Handle     handle);
/* Valid until an option is set; pointers into it until the current command ends. */
const SANE_Option_Descriptor *
                _yc_sane_get_option_descriptor (YcScanner   *self,
                                             SANE_Handle     handle,
                                             SANE_Int        option);
SANE_Status     _yc_sane_control_option     (YcScanner      *self,
                                             SANE_Handle     handle,
                                             SANE_Int        option,
                                             SANE_Action     action,
                                             void           *value,
                                             SANE_Int       *info);
SANE_Status     _yc_sane_start              (YcScanner      *self,
                                             SANE_Handle     handle);
SANE_Status     _yc_sane_get_parameters     (YcScanner      *self,
                                             SANE_Handle     handle,
                                             SANE_Parameters *params);
SANE_Status     _yc_sane_read               (YcScanner      *self,
                                             SANE_Handle     handle,
                                             SANE_Byte      *data,
                                             SANE_Int        max_length,
                                             SANE_Int       *length);
void            _yc_sane_cancel             (YcScanner      *self,
                                             SANE_Handle     handle);
const char     *_yc_sane_strstatus          (SANE_Status     status);

/* The scan job's state machine, on the worker (yc-scanner-job.c). */
void            _yc_scanner_run_scan        (YcScanner      *self,
                                             YcScanJob      *job);

/* --- hooks for the tests (yc-scanner.c) --- */

/* How many times the worker has called sane_open. */
guint          _yc_scanner_get_open_count (YcScanner *self);
/* The SANE helper process running now, 0 if none (to stop it as a hung driver would). */
GPid           _yc_scanner_get_helper_pid (YcScanner *self);
/* The time limit of every call into the driver, instead of the usual ones (0: back to those). */
void           _yc_scanner_set_answer_timeout (YcScanner *self,
                                               guint      seconds);
/* Before the job reaches page @page_index (0-based) the worker sets SANE option @name to @value,
 * and puts the old value back when the job ends: a fault (read-return-value = SANE_STATUS_JAMMED)
 * in the middle of a batch. One injection at a time; it applies to the next job that reaches that
 * page. */
void           _yc_scanner_inject_option  (YcScanner  *self,
                                           guint       page_index,
                                           const char *name,
                                           const char *value);

G_END_DECLS
