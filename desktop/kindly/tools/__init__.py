"""The project's own asset tools: sound synthesis and offline narration rendering."""
