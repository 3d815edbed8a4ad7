"""The help-desk report: one masked document (`document`), shown as a PDF (`pdf`) or saved as
JSON (`export`), with the bundled Japanese font (`fonts`) and organisation settings from
`conndoctor.core.config`. Nothing here sends anything anywhere: reports are only saved to files.
"""
