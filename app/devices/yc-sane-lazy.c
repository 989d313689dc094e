/* yc-sane-lazy.c: the SANE functions Yichuang calls, forwarded to libsane loaded on first use. */
#define G_LOG_DOMAIN "yc-lazy-lib"

#include <sane/sane.h>

#include "yc-lazy-lib.h"

static YcLazyLib sane_lib = YC_LAZY_LIB_INIT ("libsane.so.1", "SANE");

gboolean
yc_sane_load (GError **error)
{
  return yc_lazy_lib_load (&sane_lib, error);
}

YC_LAZY_FUNCTION (sane_lib, SANE_Status, sane_init,
                  (SANE_Int *version_code, SANE_Auth_Callback authorize),
                  (version_code, authorize))
YC_LAZY_VOID_FUNCTION (sane_lib, sane_exit, (void), ())
YC_LAZY_FUNCTION (sane_lib, SANE_Status, sane_get_devices,
                  (const SANE_Device ***device_list, SANE_Bool local_only),
                  (device_list, local_only))
YC_LAZY_FUNCTION (sane_lib, SANE_Status, sane_open,
                  (SANE_String_Const devicename, SANE_Handle *handle), (devicename, handle))
YC_LAZY_VOID_FUNCTION (sane_lib, sane_close, (SANE_Handle handle), (handle))
YC_LAZY_FUNCTION (sane_lib, const SANE_Option_Descriptor *, sane_get_option_descriptor,
                  (SANE_Handle handle, SANE_Int option), (handle, option))
YC_LAZY_FUNCTION (sane_lib, SANE_Status, sane_control_option,
                  (SANE_Handle handle, SANE_Int option, SANE_Action action, void *value,
                   SANE_Int *info),
                  (handle, option, action, value, info))
YC_LAZY_FUNCTION (sane_lib, SANE_Status, sane_get_parameters,
                  (SANE_Handle handle, SANE_Parameters *params), (handle, params))
YC_LAZY_FUNCTION (sane_lib, SANE_Status, sane_start, (SANE_Handle handle), (handle))
YC_LAZY_FUNCTION (sane_lib, SANE_Status, sane_read,
                  (SANE_Handle handle, SANE_Byte *data, SANE_Int max_length, SANE_Int *length),
                  (handle, data, max_length, length))
YC_LAZY_VOID_FUNCTION (sane_lib, sane_cancel, (SANE_Handle handle), (handle))
YC_LAZY_FUNCTION (sane_lib, SANE_Status, sane_set_io_mode,
                  (SANE_Handle handle, SANE_Bool non_blocking), (handle, non_blocking))
YC_LAZY_FUNCTION (sane_lib, SANE_Status, sane_get_select_fd,
                  (SANE_Handle handle, SANE_Int *fd), (handle, fd))
YC_LAZY_FUNCTION (sane_lib, SANE_String_Const, sane_strstatus, (SANE_Status status), (status))
