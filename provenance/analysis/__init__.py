"""What researchers do with the labels: export tables, measure agreement, settle disagreements, merge databases."""
