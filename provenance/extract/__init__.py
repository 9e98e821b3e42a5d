"""Pure extractors: article text (plus the outlet registry and lexicons) in, spans out. No I/O, no UI."""
