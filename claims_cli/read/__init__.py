"""Reading claim files: finding them, parsing YAML safely, building the model."""
