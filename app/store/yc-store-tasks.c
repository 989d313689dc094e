/* yc-store-tasks.c: the GTask plumbing every repository's _async/_finish pair goes through. */
#define G_LOG_DOMAIN "yc-store"

#include "yc-store-private.h"

void
_yc_store_write_task (YcStore         *self,
                      GTask           *task,
                      YcStoreWriteFunc func,
                      gpointer         data,
                      GDestroyNotify   data_free,
                      GError          *error)
{
  if (data == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, data, data_free);
  _yc_store_write_async (self, func, data, task);
}

void
_yc_store_start_write (YcStore            *self,
                       gpointer            source_tag,
                       YcStoreWriteFunc    func,
                       gpointer            data,
                       GDestroyNotify      data_free,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, data_free);
  _yc_store_write_async (self, func, data, task);
}

void
_yc_store_run_in_thread (YcStore            *self,
                         gpointer            source_tag,
                         gpointer            data,
                         GDestroyNotify      data_free,
                         GTaskThreadFunc     func,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, data_free);
  g_task_run_in_thread (task, func);
}

void
_yc_store_return_pointer (GTask         *task,
                          gpointer       result,
                          GDestroyNotify result_free,
                          GError        *error)
{
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, result_free);
}

void
_yc_store_return_model (GTask     *task,
                        GType      item_type,
                        GPtrArray *objects,
                        GError    *error)
{
  g_autoptr(GPtrArray) owned = objects;
  GListStore *model;

  if (owned == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  model = g_list_store_new (item_type);
  g_list_store_splice (model, 0, 0, owned->pdata, owned->len);
  g_task_return_pointer (task, model, g_object_unref);
}
