/* yc-field.c: a form field with its title, entry, message under it, an optional action and masking. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-field.h"

struct _YcField
{
  GtkWidget        parent_instance;

  char            *title;
  char            *value;
  char            *message;
  YcFieldState     state;
  YcFieldMaskFunc  mask_func;
  gboolean         masked;
  /* Set while the program (not the clerk) writes the entry. */
  gboolean         updating;

  GtkWidget       *title_label;
  GtkWidget       *entry;
  GtkWidget       *message_box;
  GtkWidget       *message_label;
  GtkWidget       *action_button;
};

G_DEFINE_FINAL_TYPE (YcField, yc_field, GTK_TYPE_WIDGET)
G_DEFINE_ENUM_TYPE (YcFieldState, yc_field_state,
                    G_DEFINE_ENUM_VALUE (YC_FIELD_STATE_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (YC_FIELD_STATE_ERROR, "error"),
                    G_DEFINE_ENUM_VALUE (YC_FIELD_STATE_WARNING, "warning"))

enum {
  PROP_0,
  PROP_TITLE,
  PROP_TEXT,
  PROP_MESSAGE,
  PROP_STATE,
  PROP_ACTION_LABEL,
  PROP_MASKED,
  N_PROPS
};

enum {
  CHANGED,
  ACTIVATE,
  LEAVE,
  ACTION,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* GLib 2.76 has g_set_str; this is 2.74. */
static gboolean
set_str (char       **str_pointer,
         const char  *new_str)
{
  if (g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;
  g_free (*str_pointer);
  *str_pointer = g_strdup (new_str);
  return TRUE;
}

static void
set_entry_text (YcField    *self,
                const char *text)
{
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
  self->updating = FALSE;
}

static void
update_accessible (YcField *self)
{
  g_autofree char *plain = NULL;

  if (self->title != NULL)
    {
      GString *without = g_string_new (NULL);

      /* The accessible name is read out: no mnemonic underscore. */
      for (const char *c = self->title; *c != '\0'; c++)
        if (*c != '_')
          g_string_append_c (without, *c);
      plain = g_string_free (without, FALSE);
    }
  /* The label property alone names the entry: GTK 4.8 would add the mnemonic label's text to it
   * ("Name Name"). */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, plain != NULL ? plain : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->message != NULL ? self->message : "",
                                  -1);
  if (self->state == YC_FIELD_STATE_ERROR)
    gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry),
                                 GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_STATE_INVALID);
}

static void
update_icon (YcField *self)
{
  GtkEntry *entry = GTK_ENTRY (self->entry);
  gboolean has_value = self->value != NULL && *self->value != '\0';

  if (self->mask_func == NULL || !has_value)
    {
      gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY, NULL);
      return;
    }

  gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY,
                                     self->masked ? "view-reveal-symbolic" : "view-conceal-symbolic");
  gtk_entry_set_icon_tooltip_text (entry, GTK_ENTRY_ICON_SECONDARY,
                                   self->masked ? _("Show the whole number") : _("Hide the number"));
  gtk_entry_set_icon_activatable (entry, GTK_ENTRY_ICON_SECONDARY, TRUE);
}

static void
entry_changed_cb (YcField *self)
{
  if (self->updating)
    return;

  g_free (self->value);
  self->value = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  update_icon (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
entry_activate_cb (YcField *self)
{
  g_signal_emit (self, signals[ACTIVATE], 0);
}

static void
focus_leave_cb (YcField *self)
{
  g_signal_emit (self, signals[LEAVE], 0);
}

static void
icon_press_cb (YcField *self)
{
  yc_field_set_masked (self, !self->masked);
  gtk_widget_grab_focus (self->entry);
}

static void
action_clicked_cb (YcField *self)
{
  g_signal_emit (self, signals[ACTION], 0);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        modifiers,
                YcField               *self)
{
  /* A masked number is replaced, never edited blind: Backspace or Delete clears it. */
  if (self->masked && (keyval == GDK_KEY_BackSpace || keyval == GDK_KEY_Delete ||
                       keyval == GDK_KEY_KP_Delete))
    {
      self->masked = FALSE;
      gtk_editable_set_editable (GTK_EDITABLE (self->entry), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->entry), "");   /* emits "changed" */
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MASKED]);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
yc_field_dispose (GObject *object)
{
  YcField *self = YC_FIELD (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (yc_field_parent_class)->dispose (object);
}

static void
yc_field_finalize (GObject *object)
{
  YcField *self = YC_FIELD (object);

  g_free (self->title);
  g_free (self->value);
  g_free (self->message);

  G_OBJECT_CLASS (yc_field_parent_class)->finalize (object);
}

static void
yc_field_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  YcField *self = YC_FIELD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_TEXT:
      g_value_set_string (value, yc_field_get_text (self));
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ACTION_LABEL:
      g_value_set_string (value, gtk_button_get_label (GTK_BUTTON (self->action_button)));
      break;
    case PROP_MASKED:
      g_value_set_boolean (value, self->masked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_field_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  YcField *self = YC_FIELD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      yc_field_set_title (self, g_value_get_string (value));
      break;
    case PROP_TEXT:
      yc_field_set_text (self, g_value_get_string (value));
      break;
    case PROP_MESSAGE:
      yc_field_set_message (self, self->state, g_value_get_string (value));
      break;
    case PROP_STATE:
      yc_field_set_message (self, g_value_get_enum (value), self->message);
      break;
    case PROP_ACTION_LABEL:
      yc_field_set_action_label (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
yc_field_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (YC_FIELD (widget)->entry);
}

static void
yc_field_class_init (YcFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_field_dispose;
  object_class->finalize = yc_field_finalize;
  object_class->get_property = yc_field_get_property;
  object_class->set_property = yc_field_set_property;
  widget_class->grab_focus = yc_field_grab_focus;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, YC_TYPE_FIELD_STATE, YC_FIELD_STATE_NONE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ACTION_LABEL] =
    g_param_spec_string ("action-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MASKED] =
    g_param_spec_boolean ("masked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ACTIVATE] = g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[LEAVE] = g_signal_new ("leave", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ACTION] = g_signal_new ("action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yc-field");
}

static void
yc_field_init (YcField *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkEventController *controller;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);

  self->title_label = gtk_label_new (NULL);
  gtk_label_set_use_underline (GTK_LABEL (self->title_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title_label), TRUE);
  gtk_widget_add_css_class (self->title_label, "caption-heading");
  gtk_widget_set_parent (self->title_label, GTK_WIDGET (self));

  self->entry = gtk_entry_new ();
  gtk_widget_set_hexpand (self->entry, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (self->title_label), self->entry);
  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  g_signal_connect_swapped (self->entry, "icon-press", G_CALLBACK (icon_press_cb), self);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (self->entry, controller);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (self->entry, controller);

  self->message_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_visible (self->message_box, FALSE);
  gtk_widget_set_parent (self->message_box, GTK_WIDGET (self));

  self->message_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->message_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (self->message_label, TRUE);
  gtk_widget_add_css_class (self->message_label, "caption");
  gtk_box_append (GTK_BOX (self->message_box), self->message_label);

  self->action_button = gtk_button_new ();
  gtk_button_set_use_underline (GTK_BUTTON (self->action_button), TRUE);
  gtk_widget_set_valign (self->action_button, GTK_ALIGN_START);
  gtk_widget_set_visible (self->action_button, FALSE);
  gtk_widget_add_css_class (self->action_button, "flat");
  g_signal_connect_swapped (self->action_button, "clicked", G_CALLBACK (action_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->message_box), self->action_button);
}

GtkWidget *
yc_field_new (const char *title)
{
  return g_object_new (YC_TYPE_FIELD, "title", title, NULL);
}

const char *
yc_field_get_title (YcField *self)
{
  g_return_val_if_fail (YC_IS_FIELD (self), NULL);

  return self->title;
}

void
yc_field_set_title (YcField    *self,
                    const char *title)
{
  g_return_if_fail (YC_IS_FIELD (self));

  if (!set_str (&self->title, title))
    return;
  gtk_label_set_label (GTK_LABEL (self->title_label), title);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
yc_field_get_text (YcField *self)
{
  g_return_val_if_fail (YC_IS_FIELD (self), NULL);

  return self->value != NULL ? self->value : "";
}

void
yc_field_set_text (YcField    *self,
                   const char *text)
{
  g_return_if_fail (YC_IS_FIELD (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (text, yc_field_get_text (self)) == 0 && !self->masked)
    return;

  g_free (self->value);
  self->value = g_strdup (text);
  if (self->masked)
    {
      self->masked = FALSE;
      gtk_editable_set_editable (GTK_EDITABLE (self->entry), TRUE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MASKED]);
    }
  set_entry_text (self, text);
  update_icon (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

void
yc_field_set_message (YcField     *self,
                      YcFieldState state,
                      const char  *message)
{
  gboolean shown;

  g_return_if_fail (YC_IS_FIELD (self));

  if (message != NULL && *message == '\0')
    message = NULL;

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (set_str (&self->message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);

  shown = message != NULL;
  gtk_label_set_text (GTK_LABEL (self->message_label), message);
  gtk_widget_set_visible (self->message_box, shown);

  gtk_widget_remove_css_class (self->entry, "error");
  gtk_widget_remove_css_class (self->entry, "warning");
  gtk_widget_remove_css_class (self->message_label, "error");
  gtk_widget_remove_css_class (self->message_label, "warning");
  gtk_widget_remove_css_class (self->message_label, "dim-label");
  switch (state)
    {
    case YC_FIELD_STATE_ERROR:
      gtk_widget_add_css_class (self->entry, "error");
      gtk_widget_add_css_class (self->message_label, "error");
      break;
    case YC_FIELD_STATE_WARNING:
      gtk_widget_add_css_class (self->entry, "warning");
      gtk_widget_add_css_class (self->message_label, "warning");
      break;
    case YC_FIELD_STATE_NONE:
    default:
      gtk_widget_add_css_class (self->message_label, "dim-label");
      break;
    }
  update_accessible (self);
}

YcFieldState
yc_field_get_state (YcField *self)
{
  g_return_val_if_fail (YC_IS_FIELD (self), YC_FIELD_STATE_NONE);

  return self->state;
}

const char *
yc_field_get_message (YcField *self)
{
  g_return_val_if_fail (YC_IS_FIELD (self), NULL);

  return self->message;
}

void
yc_field_set_action_label (YcField    *self,
                           const char *label)
{
  g_return_if_fail (YC_IS_FIELD (self));

  if (label != NULL)
    gtk_button_set_label (GTK_BUTTON (self->action_button), label);
  gtk_widget_set_visible (self->action_button, label != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTION_LABEL]);
}

void
yc_field_set_mask_func (YcField         *self,
                        YcFieldMaskFunc  func)
{
  g_return_if_fail (YC_IS_FIELD (self));

  self->mask_func = func;
  update_icon (self);
}

void
yc_field_set_masked (YcField  *self,
                     gboolean  masked)
{
  gboolean has_value;

  g_return_if_fail (YC_IS_FIELD (self));

  has_value = self->value != NULL && *self->value != '\0';
  masked = masked && self->mask_func != NULL && has_value;
  if (self->masked == masked)
    return;

  self->masked = masked;
  if (masked)
    {
      g_autofree char *mask = self->mask_func (self->value);

      set_entry_text (self, mask);
    }
  else
    set_entry_text (self, self->value);
  /* Read-only while masked: typing over a mask would mix it into the number. */
  gtk_editable_set_editable (GTK_EDITABLE (self->entry), !masked);
  update_icon (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MASKED]);
}

gboolean
yc_field_get_masked (YcField *self)
{
  g_return_val_if_fail (YC_IS_FIELD (self), FALSE);

  return self->masked;
}

GtkEntry *
yc_field_get_entry (YcField *self)
{
  g_return_val_if_fail (YC_IS_FIELD (self), NULL);

  return GTK_ENTRY (self->entry);
}

gboolean
yc_field_has_focus_within (YcField *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (YC_IS_FIELD (self), FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (root == NULL)
    return FALSE;
  focus = gtk_root_get_focus (root);
  return focus != NULL && (focus == self->entry || gtk_widget_is_ancestor (focus, self->entry));
}
