"""Widgets of the annotator. Untrusted text reaches them only as ``rich.text.Text``, never as markup."""
