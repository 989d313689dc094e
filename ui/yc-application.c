/* yc-application.c: placeholder until the UI lands. */
#include "yc-application.h"

struct _YcApplication { AdwApplication parent_instance; };
G_DEFINE_FINAL_TYPE (YcApplication, yc_application, ADW_TYPE_APPLICATION)
static void yc_application_class_init (YcApplicationClass *klass) {}
static void yc_application_init (YcApplication *self) {}
YcApplication *
yc_application_new (void)
{
  return g_object_new (YC_TYPE_APPLICATION, "application-id", APP_ID, NULL);
}
