"""Input widgets the forms share: pickers that search as you type, date, quantity and
closed-list fields, inline validation with the services' own sentences, and Designer forms."""
