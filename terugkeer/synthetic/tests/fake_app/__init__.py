"""A stand-in programme app for the contributor tests: only its ``synthetic.py`` matters."""
