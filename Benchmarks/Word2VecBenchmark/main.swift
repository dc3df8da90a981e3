// Word2vec training benchmark (release build, run by Benchmarks/word2vec.sh).
print("word2vec benchmark: not written yet")
