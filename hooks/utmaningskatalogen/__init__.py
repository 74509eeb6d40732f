"""The catalogue core: challenges, vocabularies, validation, derived state and exports.

Nothing in this package imports MkDocs; `hooks/catalogue.py` adapts it to MkDocs and
`scripts/` use it directly. The package name is unique on purpose: the hooks folder is
put on `sys.path`, so a generic name could shadow a real package.
"""
