"""Finders for single framing devices. Each takes the stored text (and a same-length folded, lower-cased copy for
matching) and returns :class:`~provenance.extract.spans.Marker` spans; :func:`provenance.extract.framing.find_markers`
runs them all."""
