"""Dialogs that are not a record's form: importing members, plots and animals from a
spreadsheet (``import_dialog``)."""
