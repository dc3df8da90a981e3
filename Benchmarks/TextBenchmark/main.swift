// Text benchmark: placeholder until the text pipeline lands.
print("TextBenchmark: not written yet")
