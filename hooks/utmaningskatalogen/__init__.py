"""Utmaningskatalogen: a catalogue of innovation-procurement challenges for MkDocs.

The core – challenges, vocabularies, validation, derived state, exports – is this package's
top-level modules and `exports/`; none of them imports MkDocs. `plugin/` adapts the core to
MkDocs (the `utmaningskatalogen` plugin), `cli/` holds the commands staff run (check, new,
verify), `siteverify/` checks a built site, `templates/` and `theme/` present.
"""
