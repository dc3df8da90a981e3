// Neural-network benchmark: placeholder until the layers land.
print("NeuralBenchmark: not written yet")
