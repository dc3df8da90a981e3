// Tests for the TextGeneration module.
