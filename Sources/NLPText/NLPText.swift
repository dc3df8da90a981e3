// NLPText: everything that turns raw text into tokens, ids and tensors.
//
// Native libraries used here stay behind plain C APIs: ICU in the CICU target (Foundation bundles
// its own ICU, whose headers clash with the system's) and zlib in CZlib.
