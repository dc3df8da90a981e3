// Tests for the Sentiment module.
