// Sentiment classification on top of NLPText, NLPNeural and Word2Vec (issue 6).
