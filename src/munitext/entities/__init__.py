"""Entity recognizers, normal forms and their resolution into ``doc.ents``."""
