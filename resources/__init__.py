"""Connection Doctor's bundled data (texts, instructions, drawings, fonts), found via importlib.resources."""
