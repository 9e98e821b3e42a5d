"""The Textual annotator. Shows what the store holds and records label events; it never computes an analysis."""
