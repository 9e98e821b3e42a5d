"""Screens of the annotator: the article being labelled, the queue, help, guidelines and small dialogs."""
