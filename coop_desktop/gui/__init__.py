"""The desk: windows, pages, forms and dialogs. The only layer that imports QtWidgets."""
