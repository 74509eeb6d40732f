"""Open data and subscriptions written beside the site, all from one `Publication`.

- `json_export`: /challenges.json, every published challenge with all its public fields
- `schema_export`: /challenges.schema.json, derived from `schema.CHALLENGE_FIELDS`
- `csv_export`: /challenges.csv, one row per challenge, for spreadsheets, and the same with ';'
  for Excel in Swedish, /challenges-excel.csv
- `atom`: /feed.xml and one feed per municipality and area (RFC 4287)
- `ics`: /calendar.ics, one per municipality, area and challenge (RFC 5545)
- `ocds`: /ocds.json, an Open Contracting Data Standard 1.1 release package
- `dcat`: /katalog.rdf, the open data described in DCAT-AP-SE for Sweden's data portal
- `jsonld`: schema.org structured data for each challenge page
- `writer`: every file above, by path
"""
