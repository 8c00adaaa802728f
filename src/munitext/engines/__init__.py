"""Ways to run the pipeline over many documents: local processes (``local``)."""
