/* yc-printer-list.c: the watched printer list, a GListModel of YcPrinterInfo refreshed by polling
 * CUPS in worker threads; changes are applied on the main context. */
#define G_LOG_DOMAIN "yc-printer"

#include "yc-printer-private.h"

struct _YcPrinterList {
  GObject       parent_instance;
  GPtrArray    *printers;       /* YcPrinterInfo, sorted by name */
  guint         interval_ms;
  guint         timeout_id;
  GCancellable *cancellable;
  gboolean      polling;
  gboolean      poll_again;
  gboolean      available;
  gboolean      loaded;
};

static void yc_printer_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YcPrinterList, yc_printer_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      yc_printer_list_model_init))

enum {
  LIST_PROP_0,
  LIST_PROP_AVAILABLE,
  LIST_PROP_LOADED,
  LIST_N_PROPS
};
static GParamSpec *list_properties[LIST_N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};
static guint list_signals[N_SIGNALS];

static GType
list_get_item_type (GListModel *model)
{
  return YC_TYPE_PRINTER_INFO;
}

static guint
list_get_n_items (GListModel *model)
{
  return YC_PRINTER_LIST (model)->printers->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  YcPrinterList *self = YC_PRINTER_LIST (model);

  if (position >= self->printers->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->printers, position));
}

static void
yc_printer_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
yc_printer_list_dispose (GObject *object)
{
  YcPrinterList *self = YC_PRINTER_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  G_OBJECT_CLASS (yc_printer_list_parent_class)->dispose (object);
}

static void
yc_printer_list_finalize (GObject *object)
{
  YcPrinterList *self = YC_PRINTER_LIST (object);

  g_ptr_array_unref (self->printers);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (yc_printer_list_parent_class)->finalize (object);
}

static void
yc_printer_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YcPrinterList *self = YC_PRINTER_LIST (object);

  switch (prop_id)
    {
    case LIST_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case LIST_PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_printer_list_class_init (YcPrinterListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yc_printer_list_dispose;
  object_class->finalize = yc_printer_list_finalize;
  object_class->get_property = yc_printer_list_get_property;

  list_properties[LIST_PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  list_properties[LIST_PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, LIST_N_PROPS, list_properties);

  list_signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
yc_printer_list_init (YcPrinterList *self)
{
  self->printers = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}

static void poll_now (YcPrinterList *self);

static gboolean
poll_timeout_cb (gpointer user_data)
{
  YcPrinterList *self = user_data;

  self->timeout_id = 0;
  poll_now (self);
  return G_SOURCE_REMOVE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (yc_printer_info_get_name (*(YcPrinterInfo **) a),
                    yc_printer_info_get_name (*(YcPrinterInfo **) b));
}

static void
poll_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  YcPrinterList *self = YC_PRINTER_LIST (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) printers = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean changed = FALSE;
  gboolean was_loaded = self->loaded;

  self->polling = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_cancellable_is_cancelled (self->cancellable))
    return;

  if (printers == NULL)
    {
      g_debug ("Listing printers failed: %s", error->message);
      if (self->available)
        {
          self->available = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), list_properties[LIST_PROP_AVAILABLE]);
          changed = TRUE;
        }
    }
  else
    {
      g_ptr_array_sort (printers, compare_names);
      changed = printers->len != self->printers->len;
      for (guint i = 0; !changed && i < printers->len; i++)
        changed = !_yc_printer_info_equal (g_ptr_array_index (printers, i),
                                           g_ptr_array_index (self->printers, i));
      if (changed)
        {
          guint removed = self->printers->len;

          g_ptr_array_unref (self->printers);
          self->printers = g_ptr_array_ref (printers);
          g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, printers->len);
        }
      if (!self->available)
        {
          self->available = TRUE;
          g_object_notify_by_pspec (G_OBJECT (self), list_properties[LIST_PROP_AVAILABLE]);
          changed = TRUE;
        }
    }
  if (!was_loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), list_properties[LIST_PROP_LOADED]);
      changed = TRUE;
    }
  if (changed)
    g_signal_emit (self, list_signals[SIGNAL_CHANGED], 0);

  if (self->poll_again)
    {
      self->poll_again = FALSE;
      poll_now (self);
    }
  else if (self->timeout_id == 0)
    self->timeout_id = g_timeout_add (self->interval_ms, poll_timeout_cb, self);
}

static void
poll_now (YcPrinterList *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->polling)
    {
      self->poll_again = TRUE;
      return;
    }
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->polling = TRUE;
  task = g_task_new (self, self->cancellable, poll_done_cb, NULL);
  g_task_set_source_tag (task, poll_now);
  g_task_run_in_thread (task, _yc_printer_list_destinations_thread);
}

YcPrinterList *
yc_printer_list_new (guint interval_ms)
{
  YcPrinterList *self = g_object_new (YC_TYPE_PRINTER_LIST, NULL);

  self->interval_ms = interval_ms > 0 ? interval_ms : 3000;
  poll_now (self);
  return self;
}

gboolean
yc_printer_list_get_available (YcPrinterList *self)
{
  g_return_val_if_fail (YC_IS_PRINTER_LIST (self), FALSE);
  return self->available;
}

gboolean
yc_printer_list_get_loaded (YcPrinterList *self)
{
  g_return_val_if_fail (YC_IS_PRINTER_LIST (self), FALSE);
  return self->loaded;
}

YcPrinterInfo *
yc_printer_list_lookup (YcPrinterList *self,
                        const char    *name)
{
  g_return_val_if_fail (YC_IS_PRINTER_LIST (self), NULL);

  for (guint i = 0; i < self->printers->len; i++)
    {
      YcPrinterInfo *info = g_ptr_array_index (self->printers, i);

      if (g_strcmp0 (yc_printer_info_get_name (info), name) == 0)
        return info;
    }
  return NULL;
}

void
yc_printer_list_refresh (YcPrinterList *self)
{
  g_return_if_fail (YC_IS_PRINTER_LIST (self));
  poll_now (self);
}
