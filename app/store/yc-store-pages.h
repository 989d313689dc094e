/* yc-store-pages.h: scanned and imported pages attached to a case's materials, and each material's
 * assembled PDF. */
#pragma once

#include <gio/gio.h>
#include "yc-store.h"

G_BEGIN_DECLS

/* A page of a material. Pages are keyed by the case uuid, which a draft already has (a draft's uuid
 * becomes its case's), so pages can be attached before the case is decided; there is no foreign key
 * to cases for that reason. The material is the checklist position (YcCaseMaterial "position"). The
 * files themselves are in the file store; deleting a page removes the record only (files go when
 * the platform has them). */
typedef struct {
  gint64     id;
  char      *case_uuid;
  guint      material;       /* checklist position */
  guint      page_order;     /* 0-based within the material, no gaps */
  char      *sha256;
  char      *content_type;   /* "image/jpeg", "image/png", "application/pdf" */
  guint      width;          /* pixels; 0 for a PDF */
  guint      height;
  guint      dpi;
  char      *mode;           /* "color", "gray", "lineart"; NULL for a PDF */
  guint      page_count;     /* 1 for an image; an imported PDF's pages, 0 if unknown */
  guint      rotation;       /* clockwise: 0, 90, 180, 270 */
  GDateTime *created_at;
} YcCasePage;
#define YC_TYPE_CASE_PAGE (yc_case_page_get_type ())
GType       yc_case_page_get_type (void) G_GNUC_CONST;
YcCasePage *yc_case_page_new      (const char *case_uuid,
                                   guint       material,
                                   const char *sha256,
                                   const char *content_type);
YcCasePage *yc_case_page_copy     (const YcCasePage *page);
void        yc_case_page_free     (YcCasePage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcCasePage, yc_case_page_free)

/* Every write below is one transaction with an audit entry by @actor on the case ("page.add",
 * "page.move", "page.rotate", "page.delete", "material.pdf"). A change to a material's pages drops
 * the material's recorded PDF in the same transaction: it no longer shows them. The sync forms
 * block on the writer thread: call them from a worker; the async forms may be called from the main
 * thread. */

/* Appends @page (case_uuid, material, sha256, content_type, width, height, dpi, mode, page_count,
 * rotation; id, page_order and created_at are ignored) at the end of its material. Returns the new
 * page's id. */
gint64      yc_store_add_page          (YcStore          *self,
                                        const YcCasePage *page,
                                        const char       *actor,
                                        GError          **error);
void        yc_store_add_page_async    (YcStore            *self,
                                        const YcCasePage   *page,
                                        const char         *actor,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
gint64      yc_store_add_page_finish   (YcStore      *self,
                                        GAsyncResult *result,
                                        GError      **error);

/* @material -1: every material of the case, by material then order. */
GPtrArray  *yc_store_list_pages        (YcStore    *self,
                                        const char *case_uuid,
                                        int         material,
                                        GError    **error);   /* (element-type YcCasePage) */
void        yc_store_list_pages_async  (YcStore            *self,
                                        const char         *case_uuid,
                                        int                 material,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
GPtrArray  *yc_store_list_pages_finish (YcStore      *self,
                                        GAsyncResult *result,
                                        GError      **error);

/* Moves page @id to position @new_order within its material (clamped to the last position). */
gboolean    yc_store_move_page         (YcStore    *self,
                                        gint64      id,
                                        guint       new_order,
                                        const char *actor,
                                        GError    **error);
/* Moves page @id to the end of material @material of the same case. */
gboolean    yc_store_move_page_to_material (YcStore    *self,
                                        gint64      id,
                                        guint       material,
                                        const char *actor,
                                        GError    **error);
/* Sets the page's rotation: absolute, clockwise, 0, 90, 180 or 270 (else
 * YC_STORE_ERROR_INVALID). */
gboolean    yc_store_rotate_page       (YcStore    *self,
                                        gint64      id,
                                        guint       rotation,
                                        const char *actor,
                                        GError    **error);
gboolean    yc_store_delete_page       (YcStore    *self,
                                        gint64      id,
                                        const char *actor,
                                        GError    **error);
/* Records the PDF assembled from the material's pages (yc_page_pdf_assemble). */
gboolean    yc_store_set_material_pdf  (YcStore    *self,
                                        const char *case_uuid,
                                        guint       material,
                                        const char *sha256,
                                        guint       page_count,
                                        const char *actor,
                                        GError    **error);
/* The material's PDF, or NULL without an error when there is none (or its pages changed since). */
char       *yc_store_get_material_pdf  (YcStore    *self,
                                        const char *case_uuid,
                                        guint       material,
                                        GError    **error);

/* Async forms of the writes above; each completes with yc_store_page_write_finish. */
void        yc_store_move_page_async   (YcStore            *self,
                                        gint64              id,
                                        guint               new_order,
                                        const char         *actor,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
void        yc_store_move_page_to_material_async (YcStore            *self,
                                        gint64              id,
                                        guint               material,
                                        const char         *actor,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
void        yc_store_rotate_page_async (YcStore            *self,
                                        gint64              id,
                                        guint               rotation,
                                        const char         *actor,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
void        yc_store_delete_page_async (YcStore            *self,
                                        gint64              id,
                                        const char         *actor,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
void        yc_store_set_material_pdf_async (YcStore            *self,
                                        const char         *case_uuid,
                                        guint               material,
                                        const char         *sha256,
                                        guint               page_count,
                                        const char         *actor,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
gboolean    yc_store_page_write_finish (YcStore      *self,
                                        GAsyncResult *result,
                                        GError      **error);

G_END_DECLS
