"""The help-desk report: the `conndoctor.report/1` document and its one masking (`contract`),
the saved report built on it (`document`), shown as a PDF (`pdf`) or saved as JSON (`export`),
with the bundled Japanese font (`fonts`) and organisation settings from
`conndoctor.core.engine.config`.
Nothing here prints or sends anything anywhere: reports are only saved to files.
"""
