"""One module per group of commands; importing one registers its commands."""
