/* yc-scanner-protocol.c: the messages between the worker and the SANE helper process: each a
 * 32-bit length, then a serialized GVariant, over a socket pair. */
#define G_LOG_DOMAIN "yc-scanner"

#include <errno.h>
#include <sys/socket.h>

#include "yc-scanner-private.h"

static gboolean
send_all (int           fd,
          gconstpointer data,
          gsize         len)
{
  const guint8 *p = data;

  while (len > 0)
    {
      /* MSG_NOSIGNAL: a peer that is gone is an error here, not a SIGPIPE. */
      ssize_t n = send (fd, p, len, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Sends @message (sinks a floating reference). */
gboolean
_yc_sane_send_message (int       fd,
                       GVariant *message)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (message);
  guint32 len = (guint32) g_variant_get_size (owned);

  return send_all (fd, &len, sizeof len) && send_all (fd, g_variant_get_data (owned), len);
}

GVariant *
_yc_sane_message_from_data (const GVariantType *type,
                            guint8             *data,
                            gsize               len)
{
  /* Not trusted: a damaged message reads as default values, never out of bounds. */
  return g_variant_ref_sink (g_variant_new_from_data (type, data, len, FALSE, g_free, data));
}
