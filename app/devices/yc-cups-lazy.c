/* yc-cups-lazy.c: the CUPS functions Yichuang calls, forwarded to libcups loaded on first use. */
#define G_LOG_DOMAIN "yc-lazy-lib"

#include <stdarg.h>
#include <stdio.h>
#include <cups/cups.h>

#include "yc-lazy-lib.h"

static YcLazyLib cups_lib = YC_LAZY_LIB_INIT ("libcups.so.2", "CUPS");

gboolean
yc_cups_load (GError **error)
{
  return yc_lazy_lib_load (&cups_lib, error);
}

YC_LAZY_FUNCTION (cups_lib, ipp_status_t, cupsLastError, (void), ())
YC_LAZY_FUNCTION (cups_lib, const char *, cupsLastErrorString, (void), ())
YC_LAZY_FUNCTION (cups_lib, const char *, cupsUser, (void), ())
YC_LAZY_FUNCTION (cups_lib, const char *, cupsGetOption,
                  (const char *name, int num_options, cups_option_t *options),
                  (name, num_options, options))
YC_LAZY_FUNCTION (cups_lib, int, cupsAddOption,
                  (const char *name, const char *value, int num_options, cups_option_t **options),
                  (name, value, num_options, options))
YC_LAZY_FUNCTION (cups_lib, int, cupsAddIntegerOption,
                  (const char *name, int value, int num_options, cups_option_t **options),
                  (name, value, num_options, options))
YC_LAZY_VOID_FUNCTION (cups_lib, cupsFreeOptions,
                       (int num_options, cups_option_t *options), (num_options, options))
YC_LAZY_FUNCTION (cups_lib, int, cupsGetDests2, (http_t *http, cups_dest_t **dests), (http, dests))
YC_LAZY_FUNCTION (cups_lib, cups_dest_t *, cupsGetNamedDest,
                  (http_t *http, const char *name, const char *instance), (http, name, instance))
YC_LAZY_VOID_FUNCTION (cups_lib, cupsFreeDests,
                       (int num_dests, cups_dest_t *dests), (num_dests, dests))
YC_LAZY_FUNCTION (cups_lib, cups_dinfo_t *, cupsCopyDestInfo,
                  (http_t *http, cups_dest_t *dest), (http, dest))
YC_LAZY_VOID_FUNCTION (cups_lib, cupsFreeDestInfo, (cups_dinfo_t *dinfo), (dinfo))
YC_LAZY_FUNCTION (cups_lib, ipp_status_t, cupsCreateDestJob,
                  (http_t *http, cups_dest_t *dest, cups_dinfo_t *info, int *job_id,
                   const char *title, int num_options, cups_option_t *options),
                  (http, dest, info, job_id, title, num_options, options))
YC_LAZY_FUNCTION (cups_lib, http_status_t, cupsStartDestDocument,
                  (http_t *http, cups_dest_t *dest, cups_dinfo_t *info, int job_id,
                   const char *docname, const char *format, int num_options,
                   cups_option_t *options, int last_document),
                  (http, dest, info, job_id, docname, format, num_options, options, last_document))
YC_LAZY_FUNCTION (cups_lib, http_status_t, cupsWriteRequestData,
                  (http_t *http, const char *buffer, size_t length), (http, buffer, length))
YC_LAZY_FUNCTION (cups_lib, ipp_status_t, cupsFinishDestDocument,
                  (http_t *http, cups_dest_t *dest, cups_dinfo_t *info), (http, dest, info))
YC_LAZY_FUNCTION (cups_lib, ipp_status_t, cupsCancelJob2,
                  (http_t *http, const char *name, int job_id, int purge),
                  (http, name, job_id, purge))
YC_LAZY_FUNCTION (cups_lib, ipp_t *, cupsDoRequest,
                  (http_t *http, ipp_t *request, const char *resource), (http, request, resource))
YC_LAZY_FUNCTION (cups_lib, ipp_t *, ippNewRequest, (ipp_op_t op), (op))
YC_LAZY_VOID_FUNCTION (cups_lib, ippDelete, (ipp_t *ipp), (ipp))
YC_LAZY_FUNCTION (cups_lib, ipp_attribute_t *, ippFindAttribute,
                  (ipp_t *ipp, const char *name, ipp_tag_t value_tag), (ipp, name, value_tag))
YC_LAZY_FUNCTION (cups_lib, int, ippGetCount, (ipp_attribute_t *attr), (attr))
YC_LAZY_FUNCTION (cups_lib, int, ippGetInteger, (ipp_attribute_t *attr, int element),
                  (attr, element))
YC_LAZY_FUNCTION (cups_lib, const char *, ippGetString,
                  (ipp_attribute_t *attr, int element, const char **language),
                  (attr, element, language))
YC_LAZY_FUNCTION (cups_lib, ipp_attribute_t *, ippAddString,
                  (ipp_t *ipp, ipp_tag_t group, ipp_tag_t value_tag, const char *name,
                   const char *language, const char *value),
                  (ipp, group, value_tag, name, language, value))
YC_LAZY_FUNCTION (cups_lib, ipp_attribute_t *, ippAddStrings,
                  (ipp_t *ipp, ipp_tag_t group, ipp_tag_t value_tag, const char *name,
                   int num_values, const char *language, const char * const *values),
                  (ipp, group, value_tag, name, num_values, language, values))
YC_LAZY_FUNCTION (cups_lib, const char *, ippErrorString, (ipp_status_t error), (error))
YC_LAZY_FUNCTION (cups_lib, http_uri_status_t, httpAssembleURI,
                  (http_uri_coding_t encoding, char *uri, int urilen, const char *scheme,
                   const char *username, const char *host, int port, const char *resource),
                  (encoding, uri, urilen, scheme, username, host, port, resource))

/* Variadic, so it cannot be forwarded as it is: the resource is formatted here instead. */
http_uri_status_t
httpAssembleURIf (http_uri_coding_t  encoding,
                  char              *uri,
                  int                urilen,
                  const char        *scheme,
                  const char        *username,
                  const char        *host,
                  int                port,
                  const char        *resourcef,
                  ...)
{
  char resource[1024];
  va_list args;
  int n;

  va_start (args, resourcef);
  n = vsnprintf (resource, sizeof resource, resourcef, args);
  va_end (args);
  if (n < 0 || (size_t) n >= sizeof resource)
    {
      if (uri != NULL && urilen > 0)
        *uri = '\0';
      return HTTP_URI_STATUS_OVERFLOW;
    }
  return httpAssembleURI (encoding, uri, urilen, scheme, username, host, port, resource);
}
