"""Publishing: the VoID/DCAT description and the static release (``openness-kg publish``)."""
