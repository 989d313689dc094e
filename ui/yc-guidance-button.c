/* yc-guidance-button.c: a menu button printing an item's guidance: Chinese, English, Russian. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-guidance-button.h"

struct _YcGuidanceButton
{
  GtkWidget    parent_instance;

  YcItem      *item;
  YcCase      *kase;
  YcPrinting  *printing;
  YcPrintItem *last;

  GtkWidget   *menu_button;
  GtkWidget   *status_label;
};

G_DEFINE_FINAL_TYPE (YcGuidanceButton, yc_guidance_button, GTK_TYPE_WIDGET)

static YcPrinting *
get_printing (YcGuidanceButton *self)
{
  return self->printing != NULL ? self->printing : yc_printing_get_default ();
}

static void
update_status (YcGuidanceButton *self)
{
  GtkWidget *label = self->status_label;
  YcPrintStatus status;
  const char *message;

  if (self->last == NULL)
    {
      gtk_widget_set_visible (label, FALSE);
      return;
    }
  status = yc_print_item_get_status (self->last);
  message = yc_print_item_get_message (self->last);
  gtk_label_set_text (GTK_LABEL (label), yc_print_status_get_label (status));
  gtk_widget_set_tooltip_text (label, yc_print_status_needs_attention (status) ? message : NULL);
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "error");
  if (status == YC_PRINT_STATUS_PRINTED)
    gtk_widget_add_css_class (label, "success");
  else if (status == YC_PRINT_STATUS_STOPPED)
    gtk_widget_add_css_class (label, "warning");
  else if (yc_print_status_needs_attention (status))
    gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, TRUE);
}

static void
update_sensitivity (YcGuidanceButton *self)
{
  /* The application's printing may come after the button (the store opens in the background). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guidance.print", self->item != NULL);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  YcGuidanceButton *self = YC_GUIDANCE_BUTTON (widget);
  YcPrinting *printing = get_printing (self);
  const char *language = g_variant_get_string (parameter, NULL);

  if (self->item == NULL || printing == NULL)
    return;
  if (self->last != NULL)
    g_signal_handlers_disconnect_by_data (self->last, self);
  g_clear_object (&self->last);
  self->last = yc_printing_print_guidance (printing, self->kase, self->item, language);
  g_signal_connect_object (self->last, "notify::status", G_CALLBACK (update_status), self,
                           G_CONNECT_SWAPPED);
  update_status (self);
}

static void
yc_guidance_button_dispose (GObject *object)
{
  YcGuidanceButton *self = YC_GUIDANCE_BUTTON (object);

  if (self->last != NULL)
    g_signal_handlers_disconnect_by_data (self->last, self);
  g_clear_object (&self->last);
  g_clear_object (&self->item);
  g_clear_object (&self->kase);
  g_clear_object (&self->printing);
  g_clear_pointer (&self->menu_button, gtk_widget_unparent);
  g_clear_pointer (&self->status_label, gtk_widget_unparent);

  G_OBJECT_CLASS (yc_guidance_button_parent_class)->dispose (object);
}

static void
yc_guidance_button_class_init (YcGuidanceButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_guidance_button_dispose;

  gtk_widget_class_install_action (widget_class, "guidance.print", "s", print_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
yc_guidance_button_init (YcGuidanceButton *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  /* Each language named in its own words: the applicant chooses. */
  g_menu_append (menu, "中文", "guidance.print::zh_CN");
  g_menu_append (menu, "English", "guidance.print::en");
  g_menu_append (menu, "Русский", "guidance.print::ru");

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->menu_button), _("Print Guidance"));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (self->menu_button,
                               _("Print the applicant guidance in Chinese, English or Russian"));
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));

  self->status_label = gtk_label_new (NULL);
  gtk_widget_set_visible (self->status_label, FALSE);
  gtk_widget_set_valign (self->status_label, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->status_label, GTK_WIDGET (self));

  update_sensitivity (self);
}

GtkWidget *
yc_guidance_button_new (void)
{
  return g_object_new (YC_TYPE_GUIDANCE_BUTTON, NULL);
}

void
yc_guidance_button_set_item (YcGuidanceButton *self,
                             YcItem           *item)
{
  g_return_if_fail (YC_IS_GUIDANCE_BUTTON (self));
  g_return_if_fail (item == NULL || YC_IS_ITEM (item));

  if (!g_set_object (&self->item, item))
    return;
  /* Another item: the state shown was about the previous one. */
  if (self->last != NULL)
    g_signal_handlers_disconnect_by_data (self->last, self);
  g_clear_object (&self->last);
  update_status (self);
  update_sensitivity (self);
}

void
yc_guidance_button_set_case (YcGuidanceButton *self,
                             YcCase           *kase)
{
  g_return_if_fail (YC_IS_GUIDANCE_BUTTON (self));
  g_return_if_fail (kase == NULL || YC_IS_CASE (kase));

  g_set_object (&self->kase, kase);
}

void
yc_guidance_button_set_printing (YcGuidanceButton *self,
                                 YcPrinting       *printing)
{
  g_return_if_fail (YC_IS_GUIDANCE_BUTTON (self));
  g_return_if_fail (printing == NULL || YC_IS_PRINTING (printing));

  g_set_object (&self->printing, printing);
  update_sensitivity (self);
}

YcPrintItem *
yc_guidance_button_get_last (YcGuidanceButton *self)
{
  g_return_val_if_fail (YC_IS_GUIDANCE_BUTTON (self), NULL);
  return self->last;
}
