"""fastjsonschema validators generated from the schemas next to this folder (see `pathways.schema`)."""
