package io.peergraph.ingest.normalise;

/**
 * A system as a report describes it, all free text, any part possibly null. {@code specs} is the legacy
 * ProtonDB one-liner that mixes CPU and GPU ("i5-4690 @ 3.50Ghz / GeForce GTX 960").
 */
public record SystemInfo(String cpu, String gpu, String gpuDriver, String kernel, String os, String ram, String specs) {}
