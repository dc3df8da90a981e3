// Character- and word-level language models and sampling (issue 7).
